import type { Role } from '../auth/session';

/** Who works where (../shared/design/WEB.md): the console for desks, phone views for people on their feet. */
export const DESK: readonly Role[] = ['admin', 'manager', 'front_desk'];
/** Field staff: the API gives them only what is assigned to them (complaints, work orders). */
export const FIELD_ROLES: readonly Role[] = ['technician', 'security', 'cleaner'];
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
