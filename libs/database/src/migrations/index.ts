import { Foundation1767225600000 } from './1767225600000-foundation';
import { Fees1767225602000 } from './1767225602000-fees';

/**
 * Every migration, in order. One migration set runs on both MySQL and SQLite: migrations use
 * TypeORM's Table API with the portable builders in migration-columns.ts, never raw dialect DDL.
 * Add new migrations at the end (timestamped names; one file per feature change).
 */
export const ALL_MIGRATIONS = [Foundation1767225600000, Fees1767225602000];
