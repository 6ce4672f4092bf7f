import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedUser } from './authenticated-user';
import type { Role } from './roles';

export const IS_PUBLIC = 'estate:isPublic';
export const ROLES_KEY = 'estate:roles';

/** The route needs no token (login, health). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (admins are not implied: list them where they belong). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The caller, as resolved by the authentication guard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedUser => {
    return context.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user;
  },
);
