import { AuthModule } from '@estate/auth';
import { ComplaintsModule } from '@estate/complaints';
import { EstatesModule } from '@estate/estates';
import { StaffModule } from '@estate/staff';
import { SurveysModule } from '@estate/surveys';

/**
 * The domain modules the API and the CLI load. A new feature library adds its module here
 * (and its migrations to libs/database/src/migrations/index.ts).
 */
export const FEATURE_MODULES = [AuthModule, EstatesModule, ComplaintsModule, StaffModule, SurveysModule];
