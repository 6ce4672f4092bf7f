import { Foundation1767225600000 } from './1767225600000-foundation';
import { WorkOrders1767225601000 } from './1767225601000-work-orders';
import { Fees1767225602000 } from './1767225602000-fees';
import { Assets1767225603000 } from './1767225603000-assets';
import { FieldOperations1767225604000 } from './1767225604000-field-operations';
import { ComplaintsStaffSurveys1767225605000 } from './1767225605000-complaints-staff-surveys';
import { Kpi1767225606000 } from './1767225606000-kpi';
import { Reports1767225607000 } from './1767225607000-reports';
import { PerformanceIndexes1767225608000 } from './1767225608000-performance-indexes';
import { Attachments1767225609000 } from './1767225609000-attachments';
import { FeeCollectionFacts1767225610000 } from './1767225610000-fee-collection-facts';
import { WorkOrderStatsIndexes1767225611000 } from './1767225611000-work-order-stats-indexes';
import { AssetConditionIntervals1767225612000 } from './1767225612000-asset-condition-intervals';
import { KpiReportIndexes1767225613000 } from './1767225613000-kpi-report-indexes';
import { WorkOrderFirstReturnVisit1767225614000 } from './1767225614000-work-order-first-return-visit';
import { WorkOrderMonthlyFacts1767225615000 } from './1767225615000-work-order-monthly-facts';
import { StaffRolePeriods1767225616000 } from './1767225616000-staff-role-periods';
import { FrontDesk1767225617000 } from './1767225617000-front-desk';
import { LoginFailures1767225640000 } from './1767225640000-login-failures';
import { WorkOrderAcceptanceChannel1767225641000 } from './1767225641000-work-order-acceptance-channel';
import { RepairBills1767225650000 } from './1767225650000-repair-bills';
import { Receipts1767225651000 } from './1767225651000-receipts';
import { ConsoleIndexes1767225660000 } from './1767225660000-console-indexes';

/**
 * Every migration, in order. One migration set runs on both MySQL and SQLite: migrations use
 * TypeORM's Table API with the portable builders in migration-columns.ts, never raw dialect DDL.
 * Add new migrations at the end, one per line (timestamped names; one file per feature change).
 */
export const ALL_MIGRATIONS = [
  Foundation1767225600000,
  WorkOrders1767225601000,
  Fees1767225602000,
  Assets1767225603000,
  FieldOperations1767225604000,
  ComplaintsStaffSurveys1767225605000,
  Kpi1767225606000,
  Reports1767225607000,
  PerformanceIndexes1767225608000,
  Attachments1767225609000,
  FeeCollectionFacts1767225610000,
  WorkOrderStatsIndexes1767225611000,
  AssetConditionIntervals1767225612000,
  KpiReportIndexes1767225613000,
  WorkOrderFirstReturnVisit1767225614000,
  WorkOrderMonthlyFacts1767225615000,
  StaffRolePeriods1767225616000,
  FrontDesk1767225617000,
  LoginFailures1767225640000,
  WorkOrderAcceptanceChannel1767225641000,
  RepairBills1767225650000,
  Receipts1767225651000,
  ConsoleIndexes1767225660000,
];
