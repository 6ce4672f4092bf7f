import { AuthModule } from '@estate/auth';
import { CleaningModule } from '@estate/cleaning';
import { EstatesModule } from '@estate/estates';
import { PatrolModule } from '@estate/patrol';
import { SafetyModule } from '@estate/safety';

/**
 * The domain modules the API and the CLI load. A new feature library adds its module here
 * (and its migrations to libs/database/src/migrations/index.ts).
 */
export const FEATURE_MODULES = [AuthModule, EstatesModule, SafetyModule, CleaningModule, PatrolModule];
