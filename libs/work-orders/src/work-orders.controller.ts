import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiFileResponse, Page, PageDto, PaginationQuery, XLSX_CONTENT_TYPE } from '@estate/shared';
import type { Response } from 'express';
import {
  KpiRecordsQuery,
  StatsQuery,
  WorkOrderKpiRecord,
  WorkOrderStatsResponse,
} from './dto/work-order-stats.dto';
import {
  AcceptWorkOrderRequest,
  AssigneeQuery,
  AssigneeResponse,
  AssignWorkOrderRequest,
  AttachmentResponse,
  CancelWorkOrderRequest,
  ChangePriorityRequest,
  CompleteWorkOrderRequest,
  CreateWorkOrderRequest,
  ExportQuery,
  HandBackRequest,
  HoldWorkOrderRequest,
  ReturnVisitRequest,
  ReturnVisitResponse,
  StartWorkOrderRequest,
  UrgeRequest,
  VersionedRequest,
  WorkOrderDetailResponse,
  WorkOrderQuery,
  WorkOrderResponse,
} from './dto/work-order.dto';
import { AttachmentDownload, attachmentBody, AttachmentUpload } from '@estate/attachments';
import { UploadedAttachment, WorkOrderAttachmentsService } from './work-order-attachments.service';
import { WorkOrderExportService } from './work-order-export.service';
import { WorkOrderMetricsService } from './work-order-metrics.service';
import { WorkOrdersService } from './work-orders.service';

const INTAKE = ['admin', 'manager', 'front_desk', 'resident'] as const;
const DISPATCH = ['admin', 'manager', 'front_desk'] as const;
const CREW = ['admin', 'manager', 'technician'] as const;
const READERS = ['admin', 'manager', 'front_desk', 'technician', 'finance', 'resident'] as const;
const SUPERVISORS = ['admin', 'manager', 'front_desk'] as const;

@ApiTags('work-orders')
@ApiBearerAuth()
@Controller('work-orders')
export class WorkOrdersController {
  constructor(
    private readonly workOrders: WorkOrdersService,
    private readonly metrics: WorkOrderMetricsService,
    private readonly exporter: WorkOrderExportService,
    private readonly attachments: WorkOrderAttachmentsService,
  ) {}

  @Roles(...INTAKE)
  @Post()
  @ApiCreatedResponse({ type: WorkOrderResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.create(user, body);
  }

  @Roles(...READERS)
  @Get()
  @ApiOkResponse({ type: PageDto(WorkOrderResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: WorkOrderQuery,
  ): Promise<Page<WorkOrderResponse>> {
    return this.workOrders.list(user, query);
  }

  @Roles('technician')
  @Get('mine')
  @ApiOkResponse({ type: PageDto(WorkOrderResponse) })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PaginationQuery,
  ): Promise<Page<WorkOrderResponse>> {
    return this.workOrders.mine(user, query);
  }

  @Roles(...DISPATCH)
  @Get('assignees')
  @ApiOkResponse({ type: AssigneeResponse, isArray: true })
  assignees(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AssigneeQuery,
  ): Promise<AssigneeResponse[]> {
    return this.workOrders.assignees(user, query.estateId);
  }

  @Roles('admin', 'manager', 'front_desk')
  @Get('stats')
  @ApiOkResponse({ type: WorkOrderStatsResponse })
  stats(@CurrentUser() user: AuthenticatedUser, @Query() query: StatsQuery): Promise<WorkOrderStatsResponse> {
    return this.metrics.stats(user, query.estateId, query.period);
  }

  @Roles('admin', 'manager', 'front_desk')
  @Get('stats/records')
  @ApiOkResponse({ type: PageDto(WorkOrderKpiRecord) })
  kpiRecords(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: KpiRecordsQuery,
  ): Promise<Page<WorkOrderKpiRecord>> {
    return this.metrics.kpiRecords(user, query);
  }

  @Roles('admin', 'manager', 'front_desk')
  @Get('export.xlsx')
  @ApiFileResponse(
    'Work orders as a streamed .xlsx workbook (headers and labels in `locale`)',
    XLSX_CONTENT_TYPE,
  )
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.exporter.export(user, query, response);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiOkResponse({ type: WorkOrderDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<WorkOrderDetailResponse> {
    return this.workOrders.get(user, id);
  }

  @Roles(...DISPATCH)
  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AssignWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.assign(user, id, body);
  }

  @Roles(...DISPATCH)
  @Post(':id/priority')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  changePriority(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangePriorityRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.changePriority(user, id, body);
  }

  @Roles(...CREW)
  @Post(':id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: StartWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.start(user, id, body);
  }

  @Roles(...CREW)
  @Post(':id/hold')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  hold(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HoldWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.hold(user, id, body);
  }

  @Roles(...CREW)
  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  resume(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: VersionedRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.resume(user, id, body);
  }

  @Roles(...CREW)
  @Post(':id/hand-back')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  handBack(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HandBackRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.handBack(user, id, body);
  }

  @Roles(...DISPATCH)
  @Post(':id/urge')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  urge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UrgeRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.urge(user, id, body);
  }

  @Roles(...CREW)
  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  complete(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.complete(user, id, body);
  }

  @Roles(...SUPERVISORS, 'resident')
  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  accept(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AcceptWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.accept(user, id, body);
  }

  @Roles(...DISPATCH)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: WorkOrderResponse })
  cancel(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CancelWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.cancel(user, id, body);
  }

  @Roles(...SUPERVISORS)
  @Post(':id/return-visits')
  @ApiCreatedResponse({ type: ReturnVisitResponse })
  addReturnVisit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnVisitRequest,
  ): Promise<ReturnVisitResponse> {
    return this.workOrders.addReturnVisit(user, id, body);
  }

  @Roles(...INTAKE, 'technician')
  @Post(':id/attachments')
  @AttachmentUpload()
  @ApiCreatedResponse({ type: AttachmentResponse })
  upload(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @UploadedFile() file: UploadedAttachment | undefined,
  ): Promise<AttachmentResponse> {
    return this.attachments.upload(user, id, file);
  }

  @Roles(...READERS)
  @Get(':id/attachments/:attachmentId')
  @AttachmentDownload()
  async download(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
  ): Promise<StreamableFile> {
    return attachmentBody(await this.attachments.download(user, id, attachmentId));
  }
}
