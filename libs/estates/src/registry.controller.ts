import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, STAFF_ROLES } from '@estate/auth';
import { ApiErrors, Page, PageDto } from '@estate/shared';
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
  @ApiOperation({
    summary: 'Create a building (新建楼栋)',
    description: 'Adds a building to an estate; building numbers are unique in an estate.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'], 409: ['BUILDING_NUMBER_TAKEN'] })
  @Post()
  @ApiCreatedResponse({ type: BuildingResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateBuildingRequest,
  ): Promise<BuildingResponse> {
    return this.registry.createBuilding(user, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'List buildings (楼栋列表)', description: "An estate's buildings, paginated." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(BuildingResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: BuildingQuery,
  ): Promise<Page<BuildingResponse>> {
    return this.registry.listBuildings(user, query);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Get a building (楼栋详情)', description: 'One building.' })
  @ApiErrors({ 404: ['BUILDING_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: BuildingResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BuildingResponse> {
    return this.registry.getBuilding(user, id);
  }

  @Roles(...REGISTRY_WRITERS)
  @ApiOperation({
    summary: 'Update a building (修改楼栋)',
    description:
      'Changes number, name, floors or floor area; a number already used in the estate is refused.',
  })
  @ApiErrors({ 404: ['BUILDING_NOT_FOUND'], 409: ['BUILDING_NUMBER_TAKEN'] })
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
  @ApiOperation({
    summary: 'Create a unit (新建房屋)',
    description: 'Adds a unit (房屋) to a building; unit numbers are unique in a building.',
  })
  @ApiErrors({ 409: ['UNIT_NUMBER_TAKEN'], 422: ['BUILDING_NOT_FOUND'] })
  @Post()
  @ApiCreatedResponse({ type: UnitResponse })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateUnitRequest): Promise<UnitResponse> {
    return this.registry.createUnit(user, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'List units (房屋列表)',
    description:
      'Units of an estate, filterable by building and by occupancy on a date (`occupied=true&asOf=`).',
  })
  @ApiErrors({ 400: ['ESTATE_REQUIRED'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(UnitResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: UnitQuery): Promise<Page<UnitResponse>> {
    return this.registry.listUnits(user, query);
  }

  /** The front desk's caller lookup: by phone (full or last 4 digits) or building/room; phones in full. */
  @Roles(...REGISTRY_WRITERS)
  @ApiOperation({
    summary: "Find the caller's unit by phone or room (来电查房)",
    description:
      "For the front desk on the phone: exactly one of `phone` (full number or last 4 digits) or `q` (building and room as typed). Up to 20 units with today's residents (phones in full) and their open work orders and complaints.",
  })
  @ApiErrors({
    400: ['LOOKUP_QUERY_REQUIRED', 'PHONE_INVALID'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
  })
  @Get('lookup')
  @ApiOkResponse({ type: UnitLookupResponse, isArray: true })
  lookup(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UnitLookupQuery,
  ): Promise<UnitLookupResponse[]> {
    return this.lookups.lookup(user, query);
  }

  @Roles(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Get a unit (房屋详情)',
    description: 'One unit with its building and floor area.',
  })
  @ApiErrors({ 404: ['UNIT_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: UnitResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UnitResponse> {
    return this.registry.getUnit(user, id);
  }

  @Roles(...REGISTRY_WRITERS)
  @ApiOperation({
    summary: 'Update a unit (修改房屋)',
    description:
      'Changes number, floor, floor area or type; a number already used in the building is refused.',
  })
  @ApiErrors({ 404: ['UNIT_NOT_FOUND'], 409: ['UNIT_NUMBER_TAKEN'] })
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
  @ApiOperation({
    summary: 'Register a resident (登记住户)',
    description:
      'Adds an owner, tenant or family member to a unit with move-in (and optional move-out) dates.',
  })
  @ApiErrors({ 400: ['MOVE_OUT_BEFORE_MOVE_IN'], 422: ['UNIT_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'List residents (住户列表)',
    description: 'Residents filtered by unit, building, name/phone or living on a date; phones masked.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(ResidentResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ResidentQuery,
  ): Promise<Page<ResidentResponse>> {
    return this.registry.listResidents(user, query);
  }

  @Roles('admin', 'manager', 'front_desk', 'finance')
  @ApiOperation({ summary: 'Get a resident (住户详情)', description: 'One resident, phone in full.' })
  @ApiErrors({ 404: ['RESIDENT_NOT_FOUND'] })
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
  @ApiOperation({
    summary: 'Update a resident or record a move-out (修改住户/迁出)',
    description: 'Edits a resident; a move-out date before the move-in date is refused.',
  })
  @ApiErrors({ 400: ['MOVE_OUT_BEFORE_MOVE_IN'], 404: ['RESIDENT_NOT_FOUND'] })
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
