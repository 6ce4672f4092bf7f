import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@estate/shared';
import type { AuthenticatedUser } from '../authenticated-user';
import { IS_PUBLIC, ROLES_KEY } from '../decorators';
import type { Role } from '../roles';

/** Global guard after authentication: `@Roles(...)` on a route or controller limits who may call it. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!user || !roles.includes(user.role)) {
      throw new ForbiddenError('ROLE_FORBIDDEN', `This action needs one of the roles: ${roles.join(', ')}`, {
        required: roles,
      });
    }
    return true;
  }
}
