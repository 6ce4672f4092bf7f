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
import { ASSET_MANAGERS } from './assets.controller';
import { PlanKind } from './asset.constants';
import { CreatePlanRequest, PlanQuery, PlanResponse, UpdatePlanRequest } from './dto/plan.dto';

/**
 * Inspection plans (巡检) and maintenance plans (保养) share one model and one set of routes; each
 * kind gets its own controller class (own path, own OpenAPI operations) from this one definition.
 */
function plansController(kind: PlanKind, path: string, name: string) {
  @ApiTags('assets')
  @ApiBearerAuth()
  @Controller(path)
  class PlansController {
    constructor(private readonly plans: AssetPlansService) {}

    @Roles(...ASSET_MANAGERS)
    @Post()
    @ApiCreatedResponse({ type: PlanResponse })
    create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePlanRequest): Promise<PlanResponse> {
      return this.plans.create(user, kind, body);
    }

    @Roles(...STAFF_ROLES)
    @Get()
    @ApiOkResponse({ type: PageDto(PlanResponse) })
    list(@CurrentUser() user: AuthenticatedUser, @Query() query: PlanQuery): Promise<Page<PlanResponse>> {
      return this.plans.list(user, kind, query);
    }

    @Roles(...STAFF_ROLES)
    @Get(':id')
    @ApiOkResponse({ type: PlanResponse })
    get(
      @CurrentUser() user: AuthenticatedUser,
      @Param('id', new ParseUUIDPipe()) id: string,
    ): Promise<PlanResponse> {
      return this.plans.get(user, kind, id);
    }

    @Roles(...ASSET_MANAGERS)
    @Patch(':id')
    @ApiOkResponse({ type: PlanResponse })
    update(
      @CurrentUser() user: AuthenticatedUser,
      @Param('id', new ParseUUIDPipe()) id: string,
      @Body() body: UpdatePlanRequest,
    ): Promise<PlanResponse> {
      return this.plans.update(user, kind, id, body);
    }

    @Roles(...ASSET_MANAGERS)
    @Delete(':id')
    @HttpCode(204)
    @ApiNoContentResponse()
    remove(
      @CurrentUser() user: AuthenticatedUser,
      @Param('id', new ParseUUIDPipe()) id: string,
    ): Promise<void> {
      return this.plans.remove(user, kind, id);
    }
  }
  // The class name makes the OpenAPI operation ids (InspectionPlansController_create, …) unique.
  Object.defineProperty(PlansController, 'name', { value: name });
  return PlansController;
}

export const InspectionPlansController = plansController(
  'inspection',
  'inspection-plans',
  'InspectionPlansController',
);
export const MaintenancePlansController = plansController(
  'maintenance',
  'maintenance-plans',
  'MaintenancePlansController',
);
