import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@estate/shared';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Public } from './decorators';
import { ChangePasswordRequest, LoginRequest, LoginResponse, UserResponse } from './dto/auth.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /**
   * Signs in with username and password; rate-limited per client address, and locked per account
   * with back-off after repeated failures (LoginLockout, docs/security.md).
   */
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Sign in with username and password (登录)',
    description:
      'Returns a bearer access token and the user. Usernames ignore case; a wrong username and a wrong password get the same answer. Rate-limited per client address.',
  })
  // 429 TOO_MANY_REQUESTS: too many attempts from this address, wait a minute; ACCOUNT_LOCKED: too many
  // failed sign-ins for this account, wait details.retryAfterSeconds
  @ApiErrors({ 401: ['INVALID_CREDENTIALS'], 429: ['TOO_MANY_REQUESTS', 'ACCOUNT_LOCKED'] })
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() body: LoginRequest): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed-in user (当前用户)',
    description: 'Returns the caller: role, estates and, for residents, their unit.',
  })
  @ApiErrors({ 404: ['USER_NOT_FOUND'] })
  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserResponse> {
    return this.users.get(user.id);
  }

  @ApiBearerAuth()
  @ApiOperation({
    summary: "Change one's own password (修改密码)",
    description: 'Needs the current password. Every existing token of the user stops working at once.',
  })
  @ApiErrors({ 401: ['INVALID_CREDENTIALS'], 422: ['PASSWORD_TOO_WEAK'] })
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; every existing token of this user stops working' })
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordRequest,
  ): Promise<void> {
    await this.auth.changePassword(user.id, body.currentPassword, body.newPassword);
  }
}
