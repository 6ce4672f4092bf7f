import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Page, PageDto } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  create(@Body() body: CreateUserRequest): Promise<UserResponse> {
    return this.users.create(body);
  }

  @Roles('admin', 'manager')
  @Get()
  @ApiOkResponse({ type: PageDto(UserResponse) })
  list(@CurrentUser() caller: AuthenticatedUser, @Query() query: UserQuery): Promise<Page<UserResponse>> {
    return this.users.list(caller, query);
  }

  @Roles('admin')
  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({
    description:
      'CANNOT_DEACTIVATE_SELF / CANNOT_CHANGE_OWN_ROLE (another admin must do it); LAST_ACTIVE_ADMIN: the only active admin cannot be deactivated or demoted',
  })
  @ApiUnprocessableEntityResponse({ description: 'PASSWORD_TOO_WEAK, UNIT_NOT_FOUND, UNIT_OUTSIDE_ESTATES' })
  update(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateUserRequest,
  ): Promise<UserResponse> {
    return this.users.update(id, body, caller);
  }

  @Roles('admin')
  @Post(':id/memberships')
  @ApiCreatedResponse({ type: UserResponse })
  addMembership(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MembershipRequest,
  ): Promise<UserResponse> {
    return this.users.addMembership(id, body.estateId);
  }

  @Roles('admin')
  @Delete(':id/memberships/:estateId')
  @ApiOkResponse({ type: UserResponse })
  removeMembership(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('estateId', new ParseUUIDPipe()) estateId: string,
  ): Promise<UserResponse> {
    return this.users.removeMembership(id, estateId);
  }
}
