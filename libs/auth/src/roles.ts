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
