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
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import {
  ApiErrors,
  ApiFileResponse,
  BadRequestError,
  Page,
  PageDto,
  XLSX_CONTENT_TYPE,
} from '@estate/shared';
import type { Response } from 'express';
import { AssetCategoriesService } from './asset-categories.service';
import { AssetExportService } from './asset-export.service';
import { AssetHealthService } from './asset-health.service';
import { AssetImportService } from './asset-import.service';
import { AssetTimelineService } from './asset-timeline.service';
import { AssetsService } from './assets.service';
import {
  AssetCategoryResponse,
  AssetImportResponse,
  AssetExportQuery,
  AssetQuery,
  AssetResponse,
  AssetTimelineResponse,
  CategoryQuery,
  ConditionRecordResponse,
  CreateAssetCategoryRequest,
  CreateAssetRequest,
  CreateConditionRecordRequest,
  DecommissionAssetRequest,
  UpdateAssetRequest,
} from './dto/asset.dto';
import { AssetHealthResponse, HealthQuery } from './dto/health.dto';

/**
 * technician / manager (and admin) register assets, record conditions and complete tasks; every
 * other staff role reads the ledger.
 */
export const ASSET_WRITERS = ['admin', 'manager', 'technician'] as const;

/**
 * What changes the KPI ledger behind the technicians' backs — editing an asset (its group, measure,
 * dates), decommissioning it, and creating, changing or deleting inspection and maintenance plans —
 * belongs to manager and admin (issue #22 finding 11, docs/security.md).
 */
export const ASSET_MANAGERS = ['admin', 'manager'] as const;

@ApiTags('assets')
@ApiBearerAuth()
@Controller('assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly health: AssetHealthService,
    private readonly imports: AssetImportService,
    private readonly exports: AssetExportService,
    private readonly timelines: AssetTimelineService,
  ) {}

  @Roles(...ASSET_WRITERS)
  @ApiOperation({
    summary: 'Register an asset (新建资产)',
    description:
      'Adds an asset (facility or equipment) to the ledger with its category, measure and optional first condition; codes are unique in an estate.',
  })
  @ApiErrors({
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['ASSET_CODE_TAKEN'],
    422: [
      'CATEGORY_NOT_FOUND',
      'CONDITION_AFTER_DECOMMISSION',
      'CONDITION_BEFORE_INSTALLATION',
      'CONDITION_RECORDED_IN_FUTURE',
      'MEASURE_NOT_POSITIVE',
      'MEASURE_NOT_WHOLE',
      'MEASURE_UNIT_MISMATCH',
      'WARRANTY_BEFORE_INSTALLATION',
    ],
  })
  @Post()
  @ApiCreatedResponse({ type: AssetResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateAssetRequest): Promise<AssetResponse> {
    return this.assets.create(user, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'List assets (资产台账)',
    description: 'Filter by category, KPI group, current condition, status and text.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(AssetResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: AssetQuery): Promise<Page<AssetResponse>> {
    return this.assets.list(user, query);
  }

  /** Per KPI group as of an instant: total and intact measure, rate, and the non-intact assets. */
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Asset health by KPI group (设施完好率)',
    description:
      'Per KPI group as of an instant: total and intact measure, the rate and the non-intact assets.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('health')
  @ApiOkResponse({ type: AssetHealthResponse })
  getHealth(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: HealthQuery,
  ): Promise<AssetHealthResponse> {
    return this.health.health(user, query.estateId, query.asOf);
  }

  /** The ledger as .xlsx, streamed (same filters as the list). */
  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Export the asset ledger as .xlsx (导出资产台账)',
    description: 'The list with the same filters, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('export.xlsx')
  @ApiFileResponse('The asset ledger as a streamed .xlsx workbook', XLSX_CONTENT_TYPE)
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AssetExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    const filename = await this.exports.prepare(user, query);
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    await this.exports.write(user, query, response);
  }

  /** Bulk import (all-or-nothing; 422 lists bad rows). */
  @Roles(...ASSET_WRITERS)
  @ApiOperation({
    summary: 'Import assets (批量导入资产)',
    description:
      'Multipart `file` (.xlsx/.csv). All-or-nothing: any bad row → 422 `IMPORT_ROWS_INVALID` listing every bad row.',
  })
  @ApiErrors({
    400: ['FILE_REQUIRED', 'FILE_TYPE_UNSUPPORTED', 'FILE_UNREADABLE'],
    422: ['IMPORT_ROWS_INVALID'],
  })
  @Post('import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'estateId'],
      properties: {
        estateId: { type: 'string', format: 'uuid' },
        file: {
          type: 'string',
          format: 'binary',
          description: '.xlsx, first sheet or sheet "Assets"/"设备台账"',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: AssetImportResponse })
  @ApiUnprocessableEntityResponse({
    description: 'IMPORT_ROWS_INVALID with details.errors[] = { sheet, row, field, message }',
  })
  importAssets(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CategoryQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<AssetImportResponse> {
    if (!file) throw new BadRequestError('FILE_REQUIRED', 'Attach the file as multipart field "file"');
    return this.imports.importFile(user, body.estateId, file);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Get an asset (资产详情)', description: 'One asset with its current condition.' })
  @ApiErrors({ 404: ['ASSET_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: AssetResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AssetResponse> {
    return this.assets.get(user, id);
  }

  @Roles(...ASSET_MANAGERS)
  @ApiOperation({
    summary: 'Update an asset (修改资产)',
    description: 'Changes the ledger fields; send the `version` you read.',
  })
  @ApiErrors({
    404: ['ASSET_NOT_FOUND', 'ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION'],
    422: [
      'CATEGORY_NOT_FOUND',
      'CONDITION_BEFORE_INSTALLATION',
      'MEASURE_NOT_POSITIVE',
      'MEASURE_NOT_WHOLE',
      'MEASURE_UNIT_MISMATCH',
      'WARRANTY_BEFORE_INSTALLATION',
    ],
  })
  @Patch(':id')
  @ApiOkResponse({ type: AssetResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateAssetRequest,
  ): Promise<AssetResponse> {
    return this.assets.update(user, id, body);
  }

  @Roles(...ASSET_MANAGERS)
  @ApiOperation({
    summary: 'Decommission an asset (资产报废/停用)',
    description:
      'Takes the asset out of service with a reason; it stops counting in the KPI groups from then.',
  })
  @ApiErrors({
    404: ['ASSET_NOT_FOUND', 'ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['CONDITION_AFTER_DECOMMISSION', 'DECOMMISSIONED_BEFORE_INSTALLATION', 'DECOMMISSIONED_IN_FUTURE'],
  })
  @Post(':id/decommission')
  @HttpCode(200)
  @ApiOkResponse({ type: AssetResponse })
  decommission(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecommissionAssetRequest,
  ): Promise<AssetResponse> {
    return this.assets.decommission(user, id, body);
  }

  /** Only an asset without history; otherwise decommission it. */
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Delete an asset entered by mistake (删除资产)',
    description: 'Only an asset without history; otherwise decommission it (409 `ASSET_HAS_HISTORY`).',
  })
  @ApiErrors({ 404: ['ASSET_NOT_FOUND'], 409: ['ASSET_HAS_HISTORY'] })
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    return this.assets.remove(user, id);
  }

  @Roles(...ASSET_WRITERS)
  @ApiOperation({
    summary: 'Record an asset condition (记录资产状况)',
    description:
      'good/fair/…/out of service at a time; not in the future, not before installation or after decommissioning.',
  })
  @ApiErrors({
    404: ['ASSET_NOT_FOUND', 'ESTATE_NOT_FOUND'],
    422: ['CONDITION_AFTER_DECOMMISSION', 'CONDITION_BEFORE_INSTALLATION', 'CONDITION_RECORDED_IN_FUTURE'],
  })
  @Post(':id/conditions')
  @ApiCreatedResponse({ type: ConditionRecordResponse })
  addCondition(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateConditionRecordRequest,
  ): Promise<ConditionRecordResponse> {
    return this.assets.addCondition(user, id, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: "An asset's condition history (状况记录)",
    description: 'Condition records of one asset, newest first.',
  })
  @ApiErrors({ 404: ['ASSET_NOT_FOUND'] })
  @Get(':id/conditions')
  @ApiOkResponse({ type: ConditionRecordResponse, isArray: true })
  conditions(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ConditionRecordResponse[]> {
    return this.assets.conditions(user, id);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: "An asset's timeline (资产履历)",
    description: 'Conditions, inspections, maintenance, work orders and decommissioning, newest first.',
  })
  @ApiErrors({ 404: ['ASSET_NOT_FOUND'] })
  @Get(':id/timeline')
  @ApiOkResponse({ type: AssetTimelineResponse })
  timeline(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AssetTimelineResponse> {
    return this.timelines.timeline(user, id);
  }
}

@ApiTags('assets')
@ApiBearerAuth()
@Controller('asset-categories')
export class AssetCategoriesController {
  constructor(private readonly categories: AssetCategoriesService) {}

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'List asset categories (资产分类)',
    description: "The estate's asset categories with their KPI group and unit of measure.",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: AssetCategoryResponse, isArray: true })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CategoryQuery,
  ): Promise<AssetCategoryResponse[]> {
    return this.categories.list(user, query.estateId);
  }

  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Create an asset category (新建资产分类)',
    description: 'A category with its KPI group and unit of measure; codes are unique in an estate.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'], 409: ['CATEGORY_CODE_TAKEN'] })
  @Post()
  @ApiCreatedResponse({ type: AssetCategoryResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateAssetCategoryRequest,
  ): Promise<AssetCategoryResponse> {
    return this.categories.create(user, body);
  }
}
