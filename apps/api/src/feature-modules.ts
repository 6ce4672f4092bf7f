import { AssetsModule } from '@estate/assets';
import { AuthModule } from '@estate/auth';
import { CleaningModule } from '@estate/cleaning';
import { ComplaintsModule } from '@estate/complaints';
import { EstatesModule } from '@estate/estates';
import { EventsModule } from '@estate/events';
import { FeesModule } from '@estate/fees';
import { KpiModule } from '@estate/kpi';
import { PatrolModule } from '@estate/patrol';
import { ReportsModule } from '@estate/reports';
import { SafetyModule } from '@estate/safety';
import { StaffModule } from '@estate/staff';
import { SurveysModule } from '@estate/surveys';
import { WorkOrdersModule } from '@estate/work-orders';

/**
 * The domain modules the API and the CLI load. A new feature library adds its module here, one per
 * line (and its migrations to libs/database/src/migrations/index.ts).
 */
export const FEATURE_MODULES = [
  AuthModule,
  EstatesModule,
  EventsModule,
  WorkOrdersModule,
  FeesModule,
  AssetsModule,
  SafetyModule,
  CleaningModule,
  PatrolModule,
  ComplaintsModule,
  StaffModule,
  SurveysModule,
  KpiModule,
  ReportsModule,
];
