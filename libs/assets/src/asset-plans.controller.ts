import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { Page, PageDto } from '@estate/shared';
import { AssetPlansService } from './asset-plans.service';
import { ASSET_WRITERS } from './assets.controller';
import { CreatePlanRequest, PlanQuery, PlanResponse, UpdatePlanRequest } from './dto/plan.dto';

@ApiTags('assets')
@ApiBearerAuth()
@Controller('inspection-plans')
export class InspectionPlansController {
  constructor(private readonly plans: AssetPlansService) {}

  @Roles(...ASSET_WRITERS)
  @Post()
  @ApiCreatedResponse({ type: PlanResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePlanRequest): Promise<PlanResponse> {
    return this.plans.create(user, 'inspection', body);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: PageDto(PlanResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PlanQuery): Promise<Page<PlanResponse>> {
    return this.plans.list(user, 'inspection', query);
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOkResponse({ type: PlanResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<PlanResponse> {
    return this.plans.get(user, 'inspection', id);
  }

  @Roles(...ASSET_WRITERS)
  @Patch(':id')
  @ApiOkResponse({ type: PlanResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdatePlanRequest,
  ): Promise<PlanResponse> {
    return this.plans.update(user, 'inspection', id, body);
  }

  @Roles(...ASSET_WRITERS)
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.plans.remove(user, 'inspection', id);
  }
}

@ApiTags('assets')
@ApiBearerAuth()
@Controller('maintenance-plans')
export class MaintenancePlansController {
  constructor(private readonly plans: AssetPlansService) {}

  @Roles(...ASSET_WRITERS)
  @Post()
  @ApiCreatedResponse({ type: PlanResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePlanRequest): Promise<PlanResponse> {
    return this.plans.create(user, 'maintenance', body);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: PageDto(PlanResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PlanQuery): Promise<Page<PlanResponse>> {
    return this.plans.list(user, 'maintenance', query);
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOkResponse({ type: PlanResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<PlanResponse> {
    return this.plans.get(user, 'maintenance', id);
  }

  @Roles(...ASSET_WRITERS)
  @Patch(':id')
  @ApiOkResponse({ type: PlanResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdatePlanRequest,
  ): Promise<PlanResponse> {
    return this.plans.update(user, 'maintenance', id, body);
  }

  @Roles(...ASSET_WRITERS)
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.plans.remove(user, 'maintenance', id);
  }
}
