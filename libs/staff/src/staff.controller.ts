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
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { BadRequestError, Page, PageDto } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: StaffResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateStaffRequest): Promise<StaffResponse> {
    return this.staff.create(user, body);
  }

  @Roles(...HR)
  @Get()
  @ApiOkResponse({ type: PageDto(StaffResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: StaffQuery): Promise<Page<StaffResponse>> {
    return this.staff.list(user, query);
  }

  @Roles(...HR)
  @Get('compliance')
  @ApiOkResponse({ type: ComplianceResponse })
  complianceAsOf(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ComplianceQuery,
  ): Promise<ComplianceResponse> {
    return this.compliance.compliance(user, query.estateId, query.asOf);
  }

  @Roles(...HR)
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
  @Get('certificate-requirements')
  @ApiOkResponse({ type: RequirementResponse, isArray: true })
  requirements(): Promise<RequirementResponse[]> {
    return this.staff.requirements();
  }

  @Roles('admin')
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
  @Get(':id')
  @ApiOkResponse({ type: StaffDetailResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<StaffDetailResponse> {
    return this.staff.get(user, id);
  }

  @Roles(...HR)
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
