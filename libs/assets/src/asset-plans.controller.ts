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
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors } from '@estate/shared';
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
  const noun = kind === 'inspection' ? 'inspection plan' : 'maintenance plan';
  const a = kind === 'inspection' ? 'an' : 'a';
  const zh = kind === 'inspection' ? '巡检' : '保养';
  const notFoundCode = kind === 'inspection' ? 'INSPECTION_PLAN_NOT_FOUND' : 'MAINTENANCE_PLAN_NOT_FOUND';
  @ApiTags('assets')
  @ApiBearerAuth()
  @Controller(path)
  class PlansController {
    constructor(private readonly plans: AssetPlansService) {}

    @Roles(...ASSET_MANAGERS)
    @ApiOperation({
      summary: `Create ${a} ${noun} (${zh}计划)`,
      description: `${a === 'an' ? 'An' : 'A'} ${noun} for one asset or a whole category, with recurrence and checklist; tasks are generated from it.`,
    })
    @ApiErrors({
      400: ['PLAN_TARGET_REQUIRED', 'RECURRENCE_INVALID', 'CHECKLIST_ITEM_ID_DUPLICATE'],
      403: ['ESTATE_FORBIDDEN'],
      404: ['ESTATE_NOT_FOUND'],
      422: ['ASSET_NOT_FOUND', 'ASSET_DECOMMISSIONED', 'CATEGORY_NOT_FOUND', 'ASSIGNEE_NOT_FOUND'],
    })
    @Post()
    @ApiCreatedResponse({ type: PlanResponse })
    create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreatePlanRequest): Promise<PlanResponse> {
      return this.plans.create(user, kind, body);
    }

    @Roles(...STAFF_ROLES)
    @ApiOperation({ summary: `List ${noun}s (${zh}计划列表)`, description: `The estate's ${noun}s.` })
    @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
    @Get()
    @ApiOkResponse({ type: PageDto(PlanResponse) })
    list(@CurrentUser() user: AuthenticatedUser, @Query() query: PlanQuery): Promise<Page<PlanResponse>> {
      return this.plans.list(user, kind, query);
    }

    @Roles(...STAFF_ROLES)
    @ApiOperation({
      summary: `Get ${a} ${noun} (${zh}计划详情)`,
      description: `One plan with its recurrence and checklist.`,
    })
    @ApiErrors({ 404: [notFoundCode] })
    @Get(':id')
    @ApiOkResponse({ type: PlanResponse })
    get(
      @CurrentUser() user: AuthenticatedUser,
      @Param('id', new ParseUUIDPipe()) id: string,
    ): Promise<PlanResponse> {
      return this.plans.get(user, kind, id);
    }

    @Roles(...ASSET_MANAGERS)
    @ApiOperation({
      summary: `Update ${a} ${noun} (${zh}计划修改)`,
      description: `Changes the plan; send the \`version\` you read.`,
    })
    @ApiErrors({
      400: ['RECURRENCE_INVALID', 'CHECKLIST_ITEM_ID_DUPLICATE'],
      404: [notFoundCode],
      409: ['CONCURRENT_MODIFICATION'],
      422: ['ASSIGNEE_NOT_FOUND'],
    })
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
    @ApiOperation({
      summary: `Delete ${a} ${noun} (${zh}计划删除)`,
      description: `Deletes a plan that has no tasks yet (409 \`PLAN_HAS_TASKS\` otherwise).`,
    })
    @ApiErrors({ 404: [notFoundCode], 409: ['PLAN_HAS_TASKS'] })
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
