import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ForbiddenError, NotFoundError } from '@estate/shared';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * The estate-scope rule every module applies (docs/architecture.md "Estate scope"):
 * - a filter naming an estate the caller does not belong to → 403 `ESTATE_FORBIDDEN`
 *   (the caller chose the estate, so saying "not yours" leaks nothing they did not already say);
 * - a record (by id) in an estate the caller does not belong to → 404, exactly as if it did not
 *   exist, so ids cannot be probed across estates.
 * Admins see every estate.
 */
export function canSeeEstate(user: AuthenticatedUser, estateId: string): boolean {
  return user.role === 'admin' || user.estateIds.includes(estateId);
}

/** For collection filters and creates: 403 when the estate is not the caller's. */
export function assertEstateAccess(user: AuthenticatedUser, estateId: string): void {
  if (!canSeeEstate(user, estateId)) {
    throw new ForbiddenError('ESTATE_FORBIDDEN', `You do not have access to estate ${estateId}`, {
      estateId,
    });
  }
}

/** For a record fetched by id: 404 when it lies in an estate the caller cannot see. */
export function assertRecordVisible(user: AuthenticatedUser, estateId: string, error: NotFoundError): void {
  if (!canSeeEstate(user, estateId)) throw error;
}

/** The estates a list without an explicit estate filter may show: `undefined` means all (admin). */
export function visibleEstateIds(user: AuthenticatedUser): string[] | undefined {
  return user.role === 'admin' ? undefined : user.estateIds;
}

/**
 * Limits a list query to the estates the caller can see: every estate for an admin, the caller's
 * memberships otherwise (no membership matches nothing). `alias` is the query's alias of a table
 * with an `estate_id` column.
 */
export function restrictToVisibleEstates<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  user: AuthenticatedUser,
): SelectQueryBuilder<T> {
  const visible = visibleEstateIds(user);
  if (visible)
    builder.andWhere(visible.length ? `${alias}.estate_id IN (:...visibleEstateIds)` : '1 = 0', {
      visibleEstateIds: visible,
    });
  return builder;
}
