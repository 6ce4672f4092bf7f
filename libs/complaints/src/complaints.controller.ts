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
import {
  AttachmentDownload,
  attachmentBody,
  AttachmentUpload,
  UploadedAttachment,
} from '@estate/attachments';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors, ApiFileResponse, Page, PageDto, XLSX_CONTENT_TYPE } from '@estate/shared';
import { ComplaintExportService } from './complaint-export.service';
import { ComplaintsService } from './complaints.service';
import {
  AssignComplaintRequest,
  CloseComplaintRequest,
  ComplaintDetailResponse,
  ComplaintExportQuery,
  ComplaintQuery,
  ComplaintResponse,
  ComplaintSummaryQuery,
  ComplaintSummaryResponse,
  CreateComplaintRequest,
  FollowUpComplaintRequest,
  JudgeComplaintRequest,
  LinkWorkOrderRequest,
  ResolveComplaintRequest,
} from './dto/complaint.dto';

const DESK = ['admin', 'manager', 'front_desk'] as const;

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintsService,
    private readonly exports: ComplaintExportService,
  ) {}

  @Roles(...DESK, 'resident')
  @ApiOperation({
    summary: 'Receive a complaint (受理投诉)',
    description:
      'Records a complaint with its channel and category; residents complain about their own unit only.',
  })
  @ApiErrors({
    400: ['RECEIVED_IN_FUTURE'],
    403: ['ESTATE_FORBIDDEN', 'RESIDENT_UNIT_REQUIRED', 'UNIT_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['UNIT_NOT_FOUND'],
  })
  @Post()
  @ApiCreatedResponse({ type: ComplaintResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.create(user, body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'List complaints (投诉列表)',
    description: 'Complaints by estate, status, category, unit and time; residents see their own.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(ComplaintResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplaintQuery,
  ): Promise<Page<ComplaintResponse>> {
    return this.complaints.list(user, query);
  }

  @Roles(...DESK)
  @ApiOperation({
    summary: 'Complaint figures of a month (投诉统计)',
    description: 'Valid complaints and how many were handled (KPIs #20, #21) for an estate and period.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('summary')
  @ApiOkResponse({ type: ComplaintSummaryResponse })
  summary(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplaintSummaryQuery,
  ): Promise<ComplaintSummaryResponse> {
    return this.complaints.summary(user, query.estateId, query.period);
  }

  /** Streams the estate's complaints (optionally one month) as .xlsx. */
  @Roles(...DESK)
  @ApiOperation({
    summary: 'Export complaints as .xlsx (导出投诉)',
    description: "The estate's complaints (optionally one month), streamed as a workbook.",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('export')
  @ApiFileResponse('Complaints as a streamed .xlsx workbook', XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'An .xlsx workbook', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplaintExportQuery,
    @Res() response: Response,
  ): Promise<void> {
    await this.exports.export(user, query, response);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'Get a complaint (投诉详情)',
    description: 'One complaint with its history, linked work orders and attachments.',
  })
  @ApiErrors({ 404: ['COMPLAINT_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: ComplaintDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ComplaintDetailResponse> {
    return this.complaints.get(user, id);
  }

  @Roles(...DESK)
  @ApiOperation({
    summary: 'Judge a complaint valid or invalid (投诉判定)',
    description: 'An invalid complaint needs a reason; a valid one must not have one.',
  })
  @ApiErrors({
    400: ['INVALID_REASON_NOT_ALLOWED', 'INVALID_REASON_REQUIRED'],
    404: ['COMPLAINT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
  @Post(':id/judge')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintResponse })
  judge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: JudgeComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.judge(user, id, body);
  }

  @Roles(...DESK)
  @ApiOperation({
    summary: 'Assign a complaint (投诉分派)',
    description: 'Assigns an active staff member of the estate to resolve it.',
  })
  @ApiErrors({
    400: ['ASSIGNEE_REQUIRED'],
    404: ['COMPLAINT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
    422: ['ASSIGNEE_NOT_FOUND'],
  })
  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintResponse })
  assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AssignComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.assign(user, id, body);
  }

  @Roles(...DESK, 'technician', 'security', 'cleaner')
  @ApiOperation({ summary: 'Resolve a complaint (投诉处理完成)', description: 'Records what was done.' })
  @ApiErrors({ 404: ['COMPLAINT_NOT_FOUND'], 409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'] })
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintResponse })
  resolve(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.resolve(user, id, body);
  }

  @Roles(...DESK)
  @ApiOperation({
    summary: 'Follow up with the complainant (投诉回访)',
    description: 'Records the follow-up and satisfaction.',
  })
  @ApiErrors({ 404: ['COMPLAINT_NOT_FOUND'], 409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'] })
  @Post(':id/follow-up')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintResponse })
  followUp(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: FollowUpComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.followUp(user, id, body);
  }

  @Roles(...DESK)
  @ApiOperation({
    summary: 'Close a complaint (投诉结案)',
    description: 'Closes the complaint with a closing note.',
  })
  @ApiErrors({
    400: ['CLOSING_NOTE_REQUIRED'],
    404: ['COMPLAINT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'TRANSITION_NOT_ALLOWED'],
  })
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintResponse })
  close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.close(user, id, body);
  }

  @Roles(...DESK, 'technician')
  @ApiOperation({
    summary: 'Link a work order to a complaint (关联工单)',
    description: 'Links an existing work order of the estate; one already linked is refused.',
  })
  @ApiErrors({
    404: ['COMPLAINT_NOT_FOUND'],
    409: ['WORK_ORDER_ALREADY_LINKED'],
    422: ['WORK_ORDER_NOT_FOUND'],
  })
  @Post(':id/work-orders')
  @ApiCreatedResponse({ type: ComplaintDetailResponse })
  linkWorkOrder(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: LinkWorkOrderRequest,
  ): Promise<ComplaintDetailResponse> {
    return this.complaints.linkWorkOrder(user, id, body);
  }

  /** Photos or documents of the complaint (JPEG/PNG/WebP/PDF, up to 5 MB, 10 per complaint). */
  @Roles(...DESK, 'resident')
  @ApiOperation({
    summary: 'Attach a file to a complaint (上传投诉附件)',
    description: 'JPEG/PNG/WebP/PDF up to 5 MB, 10 per complaint.',
  })
  @ApiErrors({
    400: ['ATTACHMENT_REQUIRED', 'ATTACHMENT_TOO_LARGE', 'ATTACHMENT_TYPE_NOT_ALLOWED'],
    404: ['COMPLAINT_NOT_FOUND'],
    409: ['ATTACHMENT_LIMIT_REACHED'],
  })
  @Post(':id/attachments')
  @AttachmentUpload()
  @ApiCreatedResponse({ type: ComplaintDetailResponse })
  attach(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @UploadedFile() file: UploadedAttachment | undefined,
  ): Promise<ComplaintDetailResponse> {
    return this.complaints.attach(user, id, file);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'Download a complaint attachment (下载投诉附件)',
    description: 'The stored bytes with their content type.',
  })
  @ApiErrors({ 404: ['ATTACHMENT_NOT_FOUND', 'COMPLAINT_NOT_FOUND'] })
  @Get(':id/attachments/:attachmentId')
  @AttachmentDownload()
  async attachment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('attachmentId', new ParseUUIDPipe()) attachmentId: string,
  ): Promise<StreamableFile> {
    return attachmentBody(await this.complaints.attachmentFile(user, id, attachmentId));
  }
}
