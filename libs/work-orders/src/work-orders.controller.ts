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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import {
  ApiErrors,
  ApiFileResponse,
  Page,
  PageDto,
  PaginationQuery,
  XLSX_CONTENT_TYPE,
} from '@estate/shared';
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
  @ApiOperation({
    summary: 'Report a repair: create a work order (报修/新建工单)',
    description:
      'Creates a work order in status `reported` with its SLA deadlines. Residents report for their own unit only; `reportedAt` may be dated back within the fact-time rules.',
  })
  @ApiErrors({
    400: ['APPOINTMENT_INVALID', 'CATEGORY_INVALID', 'LOCATION_REQUIRED', 'TIME_IN_FUTURE'],
    403: ['ESTATE_FORBIDDEN', 'UNIT_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['ASSET_NOT_FOUND', 'PERIOD_CLOSED', 'TIME_TOO_FAR_BACK', 'UNIT_NOT_FOUND'],
  })
  @Post()
  @ApiCreatedResponse({ type: WorkOrderResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateWorkOrderRequest,
  ): Promise<WorkOrderResponse> {
    return this.workOrders.create(user, body);
  }

  @Roles(...READERS)
  @ApiOperation({
    summary: 'List work orders (工单列表)',
    description:
      "Filter by estate, status, priority, category, unit, assignee, overdue, urged, return-visit state, time and text; residents see their own unit's orders only. Phones masked.",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(WorkOrderResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: WorkOrderQuery,
  ): Promise<Page<WorkOrderResponse>> {
    return this.workOrders.list(user, query);
  }

  @Roles('technician')
  @ApiOperation({
    summary: 'My assigned work orders (我的工单)',
    description: "The technician's own open orders, reporter phones in full (tap to call).",
  })
  @Get('mine')
  @ApiOkResponse({ type: PageDto(WorkOrderResponse) })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: PaginationQuery,
  ): Promise<Page<WorkOrderResponse>> {
    return this.workOrders.mine(user, query);
  }

  @Roles(...DISPATCH)
  @ApiOperation({
    summary: 'Technicians to dispatch to (可派单人员)',
    description: "The estate's active technicians ranked by experience in the category, then by open load.",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('assignees')
  @ApiOkResponse({ type: AssigneeResponse, isArray: true })
  assignees(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: AssigneeQuery,
  ): Promise<AssigneeResponse[]> {
    return this.workOrders.assignees(user, query.estateId);
  }

  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Work-order figures of a month (工单统计)',
    description:
      'Counts by status, priority and category, timeliness (KPI #2), first-time quality (#3) and return visits (#24) for an estate and period.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('stats')
  @ApiOkResponse({ type: WorkOrderStatsResponse })
  stats(@CurrentUser() user: AuthenticatedUser, @Query() query: StatsQuery): Promise<WorkOrderStatsResponse> {
    return this.metrics.stats(user, query.estateId, query.period);
  }

  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'The orders behind a work-order KPI (工单考核明细)',
    description:
      'The records counted in KPI #2, #3 or #24 for a month, with whether each is in the numerator.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('stats/records')
  @ApiOkResponse({ type: PageDto(WorkOrderKpiRecord) })
  kpiRecords(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: KpiRecordsQuery,
  ): Promise<Page<WorkOrderKpiRecord>> {
    return this.metrics.kpiRecords(user, query);
  }

  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Export work orders as .xlsx (导出工单)',
    description: 'The list with the same filters, streamed as a workbook in Chinese or English.',
  })
  @ApiErrors({ 400: ['DATE_RANGE_INVALID'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Get a work order (工单详情)',
    description:
      'One order with its history, materials, return visits, attachments and the actions allowed now.',
  })
  @ApiErrors({ 404: ['WORK_ORDER_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: WorkOrderDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<WorkOrderDetailResponse> {
    return this.workOrders.get(user, id);
  }

  @Roles(...DISPATCH)
  @ApiOperation({
    summary: 'Dispatch or reassign a work order (派单/改派)',
    description:
      'Assigns an active technician of the estate; send the `version` you read (409 `CONCURRENT_MODIFICATION` if it changed). Only from statuses that allow it (409 `TRANSITION_NOT_ALLOWED` with `details.allowed`).',
  })
  @ApiErrors({
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['ASSIGNEE_NOT_TECHNICIAN'],
  })
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
  @ApiOperation({
    summary: "Change a work order's priority (调整级别)",
    description:
      'Switches between urgent, routine and planned and recomputes the deadlines; the same priority is refused.',
  })
  @ApiErrors({
    400: ['PRIORITY_UNCHANGED'],
    404: ['ESTATE_NOT_FOUND', 'WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
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
  @ApiOperation({
    summary: 'Record arrival on site (到场)',
    description:
      'The assignee (or a manager/admin) records arrival; `arrivedAt` may be dated back within the fact-time rules. Starts the repair (status `in_progress`).',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    403: ['NOT_ASSIGNEE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'Put a work order on hold (挂起)',
    description: 'Pauses the repair with a reason (e.g. waiting for parts).',
  })
  @ApiErrors({
    403: ['NOT_ASSIGNEE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
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
  @ApiOperation({
    summary: 'Resume a work order on hold (恢复维修)',
    description: 'Back to `in_progress` after a hold.',
  })
  @ApiErrors({
    403: ['NOT_ASSIGNEE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
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
  @ApiOperation({
    summary: 'Hand a work order back (退单)',
    description: 'The assignee returns the order to dispatch with a reason; it can be assigned again.',
  })
  @ApiErrors({
    403: ['NOT_ASSIGNEE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
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
  @ApiOperation({
    summary: 'Urge a work order (催单)',
    description: 'Records that the resident chased the order; closed or cancelled orders are refused.',
  })
  @ApiErrors({ 404: ['WORK_ORDER_NOT_FOUND'], 409: ['TRANSITION_NOT_ALLOWED'] })
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
  @ApiOperation({
    summary: 'Complete a work order (完工)',
    description:
      'Records the work done, materials and any chargeable amount; `completedAt` may be dated back within the fact-time rules.',
  })
  @ApiErrors({
    400: ['AMOUNT_NOT_CHARGEABLE', 'AMOUNT_REQUIRED', 'TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    403: ['NOT_ASSIGNEE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'Accept or reject the repair (验收)',
    description:
      'Pass closes the order, fail reopens it (返工), with an optional satisfaction score; `by` says who accepted (resident sign-off or supervisor check) and residents may only sign as `resident`. `acceptedAt` may be dated back within the fact-time rules.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    403: ['ACCEPTANCE_BY_FORBIDDEN'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'Cancel a work order (取消工单)',
    description: 'Cancels an order that is not completed or closed, with a reason.',
  })
  @ApiErrors({ 404: ['WORK_ORDER_NOT_FOUND'], 409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'] })
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
  @ApiOperation({
    summary: 'Record a return visit (回访)',
    description:
      'Records a phone call, visit or message to the resident after completion, with satisfaction; before the first completion it is refused.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['RETURN_VISIT_TOO_EARLY'],
    422: ['PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
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
  @ApiOperation({
    summary: 'Attach a photo or document to a work order (上传附件)',
    description: 'Multipart `file`: JPEG, PNG, WebP or PDF up to the size limit, a limited number per order.',
  })
  @ApiErrors({
    400: ['ATTACHMENT_REQUIRED', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    404: ['WORK_ORDER_NOT_FOUND'],
    409: ['ATTACHMENT_LIMIT_REACHED'],
  })
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
  @ApiOperation({
    summary: 'Download a work-order attachment (下载附件)',
    description: 'The stored bytes with their content type.',
  })
  @ApiErrors({ 404: ['ATTACHMENT_NOT_FOUND', 'WORK_ORDER_NOT_FOUND'] })
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
