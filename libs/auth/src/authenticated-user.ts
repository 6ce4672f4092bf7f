import type { Role } from './roles';

/** Who is calling, as the guards resolved it from the bearer token (fresh from the database). */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Estates this user belongs to; admins see every estate regardless. */
  estateIds: string[];
  /** For residents: their own unit. */
  unitId: string | null;
}
