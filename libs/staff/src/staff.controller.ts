import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiErrors, BadRequestError, Page, PageDto } from '@estate/shared';
import {
  CertificateResponse,
  ComplianceQuery,
  ComplianceResponse,
  CreateCertificateRequest,
  CreateStaffRequest,
  CreateTrainingRequest,
  EstateDateQuery,
  RequirementResponse,
  StaffDetailResponse,
  StaffQuery,
  StaffResponse,
  TrainingImportResponse,
  TrainingResponse,
  UpdateRequirementRequest,
  UpdateStaffRequest,
  WarningQuery,
  WarningResponse,
  WarningRunResponse,
} from './dto/staff.dto';
import { StaffComplianceService } from './staff-compliance.service';
import { StaffService } from './staff.service';

const HR = ['admin', 'manager'] as const;

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(
    private readonly staff: StaffService,
    private readonly compliance: StaffComplianceService,
  ) {}

  @Roles(...HR)
  @ApiOperation({
    summary: 'Create a staff record (新建员工档案)',
    description:
      'An employee of the estate with role, employment dates and optional login; employee numbers are unique.',
  })
  @ApiErrors({
    400: ['EMPLOYMENT_DATES_INVALID'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['EMPLOYEE_NUMBER_TAKEN', 'USER_ALREADY_LINKED'],
    422: ['USER_NOT_FOUND'],
  })
  @Post()
  @ApiCreatedResponse({ type: StaffResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateStaffRequest): Promise<StaffResponse> {
    return this.staff.create(user, body);
  }

  @Roles(...HR)
  @ApiOperation({ summary: 'List staff (员工列表)', description: "The estate's staff." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(StaffResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: StaffQuery): Promise<Page<StaffResponse>> {
    return this.staff.list(user, query);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Staff training and certificate compliance (持证/培训达标)',
    description: 'As of a date: who is trained and certified for their role (KPIs #22, #23).',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('compliance')
  @ApiOkResponse({ type: ComplianceResponse })
  complianceAsOf(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplianceQuery,
  ): Promise<ComplianceResponse> {
    return this.compliance.compliance(user, query.estateId, query.asOf);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'List staff warnings (预警列表)',
    description: 'Certificates and trainings about to expire or missing.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('warnings')
  @ApiOkResponse({ type: PageDto(WarningResponse) })
  warnings(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: WarningQuery,
  ): Promise<Page<WarningResponse>> {
    return this.compliance.warnings(user, query);
  }

  /** Runs today's warning job for the estate now (at most once a day, like the scheduler). */
  @Roles(...HR)
  @ApiOperation({
    summary: "Run today's staff warnings (执行预警)",
    description:
      "Runs the day's warning job for the estate now, at most once a day like the scheduler (`outcome` says whether it ran).",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Post('warnings/run')
  @HttpCode(200)
  @ApiOkResponse({ type: WarningRunResponse })
  runWarnings(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EstateDateQuery,
  ): Promise<WarningRunResponse> {
    return this.compliance.runWarningsFor(user, query.estateId);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Certificate requirements by role (岗位持证要求)',
    description: 'Which certificates each role needs.',
  })
  @Get('certificate-requirements')
  @ApiOkResponse({ type: RequirementResponse, isArray: true })
  requirements(): Promise<RequirementResponse[]> {
    return this.staff.requirements();
  }

  @Roles('admin')
  @ApiOperation({
    summary: 'Set the certificates a role needs (设置持证要求)',
    description: 'Replaces the certificate requirement of one role.',
  })
  @ApiErrors({ 400: ['ROLE_UNKNOWN'] })
  @Put('certificate-requirements/:role')
  @ApiOkResponse({ type: RequirementResponse })
  setRequirement(
    @CurrentUser() user: AuthenticatedUser,
    @Param('role') role: string,
    @Body() body: UpdateRequirementRequest,
  ): Promise<RequirementResponse> {
    return this.staff.setRequirement(user, role, body);
  }

  /** Bulk import of training records (all-or-nothing; 422 lists bad rows). */
  @Roles(...HR)
  @ApiOperation({
    summary: 'Import training records (批量导入培训记录)',
    description:
      'Multipart `file`. All-or-nothing: any bad row → 422 `IMPORT_ROWS_INVALID` listing every bad row.',
  })
  @ApiErrors({
    400: ['FILE_REQUIRED', 'FILE_TYPE_UNSUPPORTED', 'FILE_UNREADABLE', 'IMPORT_EMPTY'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['IMPORT_ROWS_INVALID'],
  })
  @Post('trainings/import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 10 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description:
            '.xlsx, first sheet: employeeNumber/工号, course/课程, category/类别, trainedOn/日期, hours/学时, result/结果, score/成绩, trainer/讲师',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: TrainingImportResponse })
  @ApiUnprocessableEntityResponse({
    description: 'IMPORT_ROWS_INVALID with details.errors[] = { row, field, message }',
  })
  importTrainings(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: EstateDateQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<TrainingImportResponse> {
    if (!file) throw new BadRequestError('FILE_REQUIRED', 'Attach the file as multipart field "file"');
    return this.staff.importTrainings(user, query.estateId, file);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Get a staff record (员工档案)',
    description: 'One employee with trainings and certificates.',
  })
  @ApiErrors({ 404: ['STAFF_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: StaffDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<StaffDetailResponse> {
    return this.staff.get(user, id);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Update a staff record (修改员工档案)',
    description:
      'Edits the record; a role change takes effect on a date (not before the last change, not in the future).',
  })
  @ApiErrors({
    400: ['EMPLOYMENT_DATES_INVALID', 'ROLE_CHANGE_IN_FUTURE', 'ROLE_UNCHANGED'],
    404: ['ESTATE_NOT_FOUND', 'STAFF_NOT_FOUND'],
    422: ['ROLE_CHANGE_BEFORE_LAST'],
  })
  @Patch(':id')
  @ApiOkResponse({ type: StaffResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateStaffRequest,
  ): Promise<StaffResponse> {
    return this.staff.update(user, id, body);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Record a training (登记培训)',
    description: 'A training with its date and result (pass/fail); a date in the future is refused.',
  })
  @ApiErrors({ 404: ['ESTATE_NOT_FOUND', 'STAFF_NOT_FOUND'], 422: ['TRAINING_DATE_IN_FUTURE'] })
  @Post(':id/trainings')
  @ApiCreatedResponse({ type: TrainingResponse })
  addTraining(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateTrainingRequest,
  ): Promise<TrainingResponse> {
    return this.staff.addTraining(user, id, body);
  }

  @Roles(...HR)
  @ApiOperation({
    summary: 'Record a certificate (登记证书)',
    description: 'A certificate with its issue and expiry dates.',
  })
  @ApiErrors({ 400: ['CERTIFICATE_DATES_INVALID'], 404: ['STAFF_NOT_FOUND'] })
  @Post(':id/certificates')
  @ApiCreatedResponse({ type: CertificateResponse })
  addCertificate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateCertificateRequest,
  ): Promise<CertificateResponse> {
    return this.staff.addCertificate(user, id, body);
  }
}
