import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors, Page, PageDto } from '@estate/shared';
import { AssetTasksService } from './asset-tasks.service';
import { ASSET_WRITERS } from './assets.controller';
import { AssetTaskResponse, CompleteTaskRequest, TaskQuery } from './dto/task.dto';

@ApiTags('assets')
@ApiBearerAuth()
@Controller('asset-tasks')
export class AssetTasksController {
  constructor(private readonly tasks: AssetTasksService) {}

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'List inspection and maintenance tasks (巡检/保养任务)',
    description: 'Tasks generated from the plans, by estate, status, assignee and due date.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(AssetTaskResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskQuery): Promise<Page<AssetTaskResponse>> {
    return this.tasks.list(user, query);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Get an asset task (任务详情)',
    description: "One task with its plan's checklist.",
  })
  @ApiErrors({ 404: ['ASSET_TASK_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: AssetTaskResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AssetTaskResponse> {
    return this.tasks.get(user, id);
  }

  /** Checklist results (one per plan item) and overall condition; a finding opens a work order. */
  @Roles(...ASSET_WRITERS)
  @ApiOperation({
    summary: 'Complete an inspection or maintenance task (完成巡检/保养)',
    description: 'Checklist results (one per plan item) and overall condition; a finding opens a work order.',
  })
  @ApiErrors({
    404: ['ASSET_TASK_NOT_FOUND', 'ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: [
      'CHECKLIST_MISMATCH',
      'CONDITION_AFTER_DECOMMISSION',
      'CONDITION_BEFORE_INSTALLATION',
      'CONDITION_RECORDED_IN_FUTURE',
      'INSPECTED_AT_IN_FUTURE',
      'OVERALL_CONDITION_REQUIRED',
    ],
  })
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: AssetTaskResponse })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteTaskRequest,
  ): Promise<AssetTaskResponse> {
    return this.tasks.complete(user, id, body);
  }
}
