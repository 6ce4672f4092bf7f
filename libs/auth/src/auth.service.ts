import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { TransactionService } from '@estate/database';
import { Clock, EnvironmentVariables, UnauthorizedError } from '@estate/shared';
import type { AuthenticatedUser } from './authenticated-user';
import { LoginResponse } from './dto/auth.dto';
import { LoginLockout } from './login-lockout.service';
import { assertPasswordStrong } from './password-policy';
import { PasswordService } from './password.service';
import { toUserResponse } from './user.mapper';
import { User } from './user.entity';
import { UsersService } from './users.service';

interface TokenClaims {
  sub: string;
  role: string;
  /** token version: bumped when the password changes or the account is disabled */
  tv: number;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** A real hash to verify against when the user does not exist, so response time does not tell. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly config: EnvironmentVariables,
    private readonly lockout: LoginLockout,
  ) {}

  async login(usernameInput: string, password: string): Promise<LoginResponse> {
    const username = UsersService.normaliseUsername(usernameInput);
    await this.lockout.assertNotLocked(username);
    const user = await this.transactions.dataSource.manager
      .createQueryBuilder(User, 'user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
    this.dummyHash ??= this.passwords.hash(randomUUID());
    const valid = await this.passwords.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !valid || !user.active) {
      this.logger.warn({ username }, 'Login refused');
      if (!valid || !user) await this.lockout.recordFailure(username);
      throw new UnauthorizedError(
        'INVALID_CREDENTIALS',
        'Wrong username or password, or the account is disabled',
      );
    }
    await this.lockout.reset(username);
    const lastLoginAt = this.clock.now();
    await this.transactions.run((manager) => manager.update(User, { id: user.id }, { lastLoginAt }));
    user.lastLoginAt = lastLoginAt;
    const claims: TokenClaims = { sub: user.id, role: user.role, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.JWT_EXPIRES_IN_SECONDS });
    const estateIds = await this.users.estateIdsOf(this.transactions.dataSource.manager, user.id);
    return {
      accessToken,
      expiresIn: this.config.JWT_EXPIRES_IN_SECONDS,
      user: toUserResponse(user, estateIds, { unmaskPhone: true }),
    };
  }

  /** Verifies a bearer token and loads the caller fresh (role, active flag, memberships). */
  async authenticate(token: string): Promise<AuthenticatedUser> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & object>(token);
    } catch (error) {
      const expired = (error as { name?: string }).name === 'TokenExpiredError';
      throw new UnauthorizedError(
        expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
        expired ? 'The session has expired; sign in again' : 'The access token is not valid',
      );
    }
    const manager = this.transactions.dataSource.manager;
    const user = await manager.findOneBy(User, { id: claims.sub });
    if (!user || !user.active || user.tokenVersion !== claims.tv) {
      throw new UnauthorizedError('TOKEN_REVOKED', 'The access token is no longer valid; sign in again');
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      estateIds: await this.users.estateIdsOf(manager, user.id),
      unitId: user.unitId,
    };
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.transactions.dataSource.manager
      .createQueryBuilder(User, 'user')
      .addSelect('user.passwordHash')
      .where('user.id = :userId', { userId })
      .getOneOrFail();
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'The current password is wrong');
    }
    assertPasswordStrong(newPassword, user, 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.transactions.run((manager) =>
      manager.update(User, { id: userId }, { passwordHash, tokenVersion: user.tokenVersion + 1 }),
    );
  }
}
