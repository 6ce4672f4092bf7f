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
  ApiProperty,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { BadRequestError, enumDescription, Page, PageDto } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: EstateResponse })
  create(@Body() body: CreateEstateRequest): Promise<EstateResponse> {
    return this.estates.create(body);
  }

  @Roles(...STAFF_ROLES, 'resident')
  @Get()
  @ApiOkResponse({ type: PageDto(EstateResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: EstateQuery): Promise<Page<EstateResponse>> {
    return this.estates.list(user, query);
  }

  @Roles(...STAFF_ROLES, 'resident')
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
