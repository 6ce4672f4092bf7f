import { maskPhone } from '@estate/shared';
import { UserResponse } from './dto/auth.dto';
import type { User } from './user.entity';

/** Builds the public view of a user: never the password hash; phone masked unless asked. */
export function toUserResponse(
  user: User,
  estateIds: string[],
  options: { unmaskPhone?: boolean } = {},
): UserResponse {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    phone: options.unmaskPhone ? user.phone : maskPhone(user.phone),
    unitId: user.unitId,
    active: user.active,
    estateIds,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
