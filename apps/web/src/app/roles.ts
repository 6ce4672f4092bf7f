import type { Role } from '../auth/session';

/** Who works where (../shared/design/WEB.md): the console for desks, phone views for people on their feet. */
export const DESK: readonly Role[] = ['admin', 'manager', 'front_desk'];
export const ALL_ROLES: readonly Role[] = [
  'admin',
  'manager',
  'front_desk',
  'technician',
  'finance',
  'security',
  'cleaner',
  'resident',
];
