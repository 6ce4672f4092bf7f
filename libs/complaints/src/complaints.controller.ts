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
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiFileResponse, Page, PageDto, XLSX_CONTENT_TYPE } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: ComplaintResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateComplaintRequest,
  ): Promise<ComplaintResponse> {
    return this.complaints.create(user, body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @Get()
  @ApiOkResponse({ type: PageDto(ComplaintResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplaintQuery,
  ): Promise<Page<ComplaintResponse>> {
    return this.complaints.list(user, query);
  }

  @Roles(...DESK)
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
  @Get(':id')
  @ApiOkResponse({ type: ComplaintDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ComplaintDetailResponse> {
    return this.complaints.get(user, id);
  }

  @Roles(...DESK)
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
