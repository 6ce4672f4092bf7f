import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { Page, PageDto } from '@estate/shared';
import {
  BuildingQuery,
  BuildingResponse,
  CreateBuildingRequest,
  UpdateBuildingRequest,
} from './dto/building.dto';
import {
  CreateResidentRequest,
  ResidentQuery,
  ResidentResponse,
  UpdateResidentRequest,
} from './dto/resident.dto';
import { CreateUnitRequest, UnitQuery, UnitResponse, UpdateUnitRequest } from './dto/unit.dto';
import { UnitLookupQuery, UnitLookupResponse } from './dto/unit-lookup.dto';
import { UnitLookupService } from './unit-lookup.service';
import { RegistryService } from './registry.service';

const REGISTRY_WRITERS = ['admin', 'manager', 'front_desk'] as const;

@ApiTags('buildings')
@ApiBearerAuth()
@Controller('buildings')
export class BuildingsController {
  constructor(private readonly registry: RegistryService) {}

  @Roles(...REGISTRY_WRITERS)
  @Post()
  @ApiCreatedResponse({ type: BuildingResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateBuildingRequest,
  ): Promise<BuildingResponse> {
    return this.registry.createBuilding(user, body);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: PageDto(BuildingResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: BuildingQuery,
  ): Promise<Page<BuildingResponse>> {
    return this.registry.listBuildings(user, query);
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOkResponse({ type: BuildingResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BuildingResponse> {
    return this.registry.getBuilding(user, id);
  }

  @Roles(...REGISTRY_WRITERS)
  @Patch(':id')
  @ApiOkResponse({ type: BuildingResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateBuildingRequest,
  ): Promise<BuildingResponse> {
    return this.registry.updateBuilding(user, id, body);
  }
}

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly registry: RegistryService,
    private readonly lookups: UnitLookupService,
  ) {}

  @Roles(...REGISTRY_WRITERS)
  @Post()
  @ApiCreatedResponse({ type: UnitResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateUnitRequest): Promise<UnitResponse> {
    return this.registry.createUnit(user, body);
  }

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({ type: PageDto(UnitResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: UnitQuery): Promise<Page<UnitResponse>> {
    return this.registry.listUnits(user, query);
  }

  /** The front desk's caller lookup: by phone (full or last 4 digits) or building/room; phones in full. */
  @Roles(...REGISTRY_WRITERS)
  @Get('lookup')
  @ApiOkResponse({ type: UnitLookupResponse, isArray: true })
  lookup(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UnitLookupQuery,
  ): Promise<UnitLookupResponse[]> {
    return this.lookups.lookup(user, query);
  }

  @Roles(...STAFF_ROLES)
  @Get(':id')
  @ApiOkResponse({ type: UnitResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UnitResponse> {
    return this.registry.getUnit(user, id);
  }

  @Roles(...REGISTRY_WRITERS)
  @Patch(':id')
  @ApiOkResponse({ type: UnitResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUnitRequest,
  ): Promise<UnitResponse> {
    return this.registry.updateUnit(user, id, body);
  }
}

@ApiTags('residents')
@ApiBearerAuth()
@Controller('residents')
export class ResidentsController {
  constructor(private readonly registry: RegistryService) {}

  @Roles(...REGISTRY_WRITERS)
  @Post()
  @ApiCreatedResponse({ type: ResidentResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateResidentRequest,
  ): Promise<ResidentResponse> {
    return this.registry.createResident(user, body);
  }

  /**
   * Phones are masked in lists. Not for security (guards): their patrols, incidents and scans name
   * units, never residents, so they get no list of everyone's names (need-to-know, docs/security.md).
   */
  @Roles('admin', 'manager', 'front_desk', 'finance')
  @Get()
  @ApiOkResponse({ type: PageDto(ResidentResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ResidentQuery,
  ): Promise<Page<ResidentResponse>> {
    return this.registry.listResidents(user, query);
  }

  @Roles('admin', 'manager', 'front_desk', 'finance')
  @Get(':id')
  @ApiOkResponse({ type: ResidentResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ResidentResponse> {
    return this.registry.getResident(user, id);
  }

  /** Edits and move-outs. */
  @Roles(...REGISTRY_WRITERS)
  @Patch(':id')
  @ApiOkResponse({ type: ResidentResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateResidentRequest,
  ): Promise<ResidentResponse> {
    return this.registry.updateResident(user, id, body);
  }
}
