import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
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
  ApiProperty,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors, BadRequestError, Page, PageDto, enumDescription } from '@estate/shared';
import { CreateEstateRequest, EstateQuery, EstateResponse, UpdateEstateRequest } from './dto/estate.dto';
import { EstatesService } from './estates.service';
import { IMPORT_KINDS, ImportKind, RegistryImportService } from './import/registry-import.service';

class ImportResponse {
  @ApiProperty() buildings: number;
  @ApiProperty() units: number;
  @ApiProperty() residents: number;
}

@ApiTags('estates')
@ApiBearerAuth()
@Controller('estates')
export class EstatesController {
  constructor(
    private readonly estates: EstatesService,
    private readonly imports: RegistryImportService,
  ) {}

  @Roles('admin')
  @ApiOperation({
    summary: 'Create an estate (新建项目)',
    description:
      'Creates an estate (小区/项目) with its code, time zone and settings. The code must be unique.',
  })
  @ApiErrors({ 409: ['ESTATE_CODE_TAKEN'] })
  @Post()
  @ApiCreatedResponse({ type: EstateResponse })
  create(@Body() body: CreateEstateRequest): Promise<EstateResponse> {
    return this.estates.create(body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'List estates (项目列表)',
    description: 'The estates the caller belongs to (admins: all).',
  })
  @Get()
  @ApiOkResponse({ type: PageDto(EstateResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: EstateQuery): Promise<Page<EstateResponse>> {
    return this.estates.list(user, query);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @ApiOperation({
    summary: 'Get an estate (项目详情)',
    description: 'One estate with its settings (SLA, deadlines, billing, report schedule).',
  })
  @ApiErrors({ 404: ['ESTATE_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: EstateResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<EstateResponse> {
    return this.estates.get(user, id);
  }

  /** Name, address and settings (SLA, deadlines, billing, report schedule); time zone and active flag: admin only. */
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Update an estate (修改项目)',
    description:
      'Name, address and settings; the time zone and the active flag may only be changed by an admin (403 `ROLE_FORBIDDEN` otherwise).',
  })
  @ApiErrors({ 403: ['ROLE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Patch(':id')
  @ApiOkResponse({ type: EstateResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateEstateRequest,
  ): Promise<EstateResponse> {
    return this.estates.update(user, id, body);
  }

  /** Bulk import of buildings, units and residents (all-or-nothing; 422 lists bad rows). */
  @Roles('admin', 'manager', 'front_desk')
  @ApiOperation({
    summary: 'Import buildings, units and residents (批量导入楼栋/房屋/住户)',
    description:
      'Multipart `file`: an .xlsx with sheets Buildings/Units/Residents (楼栋/房屋/住户), or a .csv with `?kind=`. All-or-nothing: any bad row → 422 `IMPORT_ROWS_INVALID` listing every bad row.',
  })
  @ApiErrors({
    400: ['FILE_REQUIRED', 'FILE_TYPE_UNSUPPORTED', 'FILE_UNREADABLE', 'IMPORT_KIND_INVALID'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['IMPORT_ROWS_INVALID'],
  })
  @Post(':id/import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: '.xlsx with sheets Buildings/Units/Residents (楼栋/房屋/住户), or .csv with ?kind=',
        },
      },
    },
  })
  @ApiQuery({
    name: 'kind',
    required: false,
    enum: IMPORT_KINDS,
    description: enumDescription('What a CSV file holds (required for CSV; an .xlsx names its sheets)', {
      buildings: 'buildings (楼栋)',
      units: 'units (房屋)',
      residents: 'residents (住户)',
    }),
  })
  @ApiCreatedResponse({ type: ImportResponse })
  @ApiUnprocessableEntityResponse({
    description: 'IMPORT_ROWS_INVALID with details.errors[] = { sheet, row, field, message }',
  })
  importRegistry(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query('kind') kind?: string,
  ): Promise<ImportResponse> {
    if (!file) throw new BadRequestError('FILE_REQUIRED', 'Attach the file as multipart field "file"');
    if (kind !== undefined && !IMPORT_KINDS.includes(kind as ImportKind))
      throw new BadRequestError('IMPORT_KIND_INVALID', `kind must be one of ${IMPORT_KINDS.join(', ')}`);
    return this.imports.importFile(user, id, file, kind as ImportKind | undefined);
  }
}
