import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Page, PageDto } from '@estate/shared';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Roles } from './decorators';
import { CreateUserRequest, MembershipRequest, UpdateUserRequest, UserResponse } from './dto/auth.dto';
import { UserQuery } from './dto/user-query.dto';
import { UsersService } from './users.service';

/** User administration. Admins manage accounts; managers may list the people of their estates. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @ApiOperation({
    summary: 'Create a user account (新建用户)',
    description:
      'Creates a login with one role and its estate memberships; a resident account is tied to a unit in one of its estates. A taken username is refused.',
  })
  @ApiErrors({ 409: ['USERNAME_TAKEN'], 422: ['ESTATE_NOT_FOUND', 'UNIT_NOT_FOUND', 'UNIT_OUTSIDE_ESTATES'] })
  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  create(@Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(body);
  }

  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'List user accounts (用户列表)',
    description: 'Admins see every account; managers see the accounts of their estates.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'] })
  @Get()
  @ApiOkResponse({ type: PageDto(UserResponse) })
  list(@CurrentUser() caller: AuthenticatedUser, @Query() query: UserQuery): Promise<Page<UserResponse>> {
    return this.users.list(caller, query);
  }

  @Roles('admin')
  @ApiOperation({
    summary: 'Get a user account (用户详情)',
    description: 'One account with its role and estate memberships.',
  })
  @ApiErrors({ 404: ['USER_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Roles('admin')
  @ApiOperation({
    summary: 'Update a user account (修改用户)',
    description:
      'Changes the name, role, active flag, unit or password of an account; a role change or deactivation revokes its tokens.',
  })
  @ApiErrors({
    404: ['USER_NOT_FOUND'],
    // another admin must deactivate or re-role you; the only active admin stays one
    409: ['CANNOT_DEACTIVATE_SELF', 'CANNOT_CHANGE_OWN_ROLE', 'LAST_ACTIVE_ADMIN'],
    422: ['PASSWORD_TOO_WEAK', 'UNIT_NOT_FOUND', 'UNIT_OUTSIDE_ESTATES'],
  })
  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserResponse> {
    return this.users.update(id, body, caller);
  }

  @Roles('admin')
  @ApiOperation({
    summary: 'Add a user to an estate (添加项目成员)',
    description: 'Gives the user access to one more estate.',
  })
  @ApiErrors({ 404: ['USER_NOT_FOUND'], 422: ['ESTATE_NOT_FOUND'] })
  @Post(':id/memberships')
  @ApiCreatedResponse({ type: UserResponse })
  addMembership(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MembershipRequest,
  ): Promise<UserResponse> {
    return this.users.addMembership(id, body.estateId);
  }

  @Roles('admin')
  @ApiOperation({
    summary: 'Remove a user from an estate (移除项目成员)',
    description: "Takes away the user's access to the estate.",
  })
  @ApiErrors({ 404: ['USER_NOT_FOUND'] })
  @Delete(':id/memberships/:estateId')
  @ApiOkResponse({ type: UserResponse })
  removeMembership(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('estateId', new ParseUUIDPipe()) estateId: string,
  ): Promise<UserResponse> {
    return this.users.removeMembership(id, estateId);
  }
}
