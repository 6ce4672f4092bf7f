/** One role per user. Admins see every estate; everyone else sees only the estates they belong to. */
export const ROLES = [
  'admin',
  'manager',
  'front_desk',
  'technician',
  'finance',
  'security',
  'cleaner',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles (everyone but residents). */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'resident');

/**
 * Field staff: they work on what is assigned to them and see residents' details only there
 * (need-to-know, docs/security.md) — complaints assigned to them, their own work orders.
 */
export const FIELD_ROLES: readonly Role[] = ['technician', 'security', 'cleaner'];

export function isFieldRole(user: { role: Role }): boolean {
  return FIELD_ROLES.includes(user.role);
}
