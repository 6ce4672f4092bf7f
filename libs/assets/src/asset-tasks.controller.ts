import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { Page, PageDto } from '@estate/shared';
import { AssetTasksService } from './asset-tasks.service';
import { ASSET_WRITERS } from './assets.controller';
import { AssetTaskResponse, CompleteTaskRequest, TaskQuery } from './dto/task.dto';

@ApiTags('assets')
@ApiBearerAuth()
@Controller('asset-tasks')
export class AssetTasksController {
  constructor(private readonly tasks: AssetTasksService) {}

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: PageDto(AssetTaskResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: TaskQuery): Promise<Page<AssetTaskResponse>> {
    return this.tasks.list(user, query);
  }

  @Roles(...STAFF_ROLES)
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
