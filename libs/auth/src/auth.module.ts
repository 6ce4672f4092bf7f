import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables, resolveJwtSecret } from '@estate/shared';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EstateMembership } from './estate-membership.entity';
import { AuthenticationGuard } from './guards/authentication.guard';
import { RolesGuard } from './guards/roles.guard';
import { LoginFailure } from './login-failure.entity';
import { LoginLockout } from './login-lockout.service';
import { PasswordService } from './password.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, roles, estate memberships, login and the two global guards (authentication, then roles).
 * Feature modules use `@Roles()`, `@CurrentUser()` and the estate-scope helpers.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, EstateMembership, LoginFailure]),
    JwtModule.registerAsync({
      inject: [EnvironmentVariables],
      useFactory: (config: EnvironmentVariables) => ({
        secret: resolveJwtSecret(config),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (config: EnvironmentVariables) => [
        { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE },
      ],
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    PasswordService,
    LoginLockout,
    AuthService,
    UsersService,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PasswordService, AuthService, UsersService],
})
export class AuthModule {}
