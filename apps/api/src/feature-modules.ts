import { AuthModule } from '@estate/auth';
import { EstatesModule } from '@estate/estates';
import { FeesModule } from '@estate/fees';

/**
 * The domain modules the API and the CLI load. A new feature library adds its module here
 * (and its migrations to libs/database/src/migrations/index.ts).
 */
export const FEATURE_MODULES = [AuthModule, EstatesModule, FeesModule];
