import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity, BigIntegerColumn, IdColumn, InstantColumn, LocalDateColumn } from '@estate/shared';
import type {
  AssetCondition,
  AssetStatus,
  ConditionSource,
  FindingPriority,
  Importance,
  KpiGroup,
  MeasureUnit,
  PlanKind,
} from './asset.constants';
import type { AssetTaskStatus } from './asset-task-state';
import type { Recurrence } from './recurrence';

/** A per-estate asset category (电梯, 路灯, 化粪池 …), seeded from DEFAULT_ASSET_CATEGORIES on first use. */
@Entity('asset_categories')
@Index('uq_asset_categories_estate_code', ['estateId', 'code'], { unique: true })
export class AssetCategory extends BaseEntity {
  @IdColumn()
  estateId: string;

  /** lower_snake code, unique in the estate. */
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The KPI group new assets of this category get unless told otherwise. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  kpiGroup: KpiGroup | null;
}

/** A facility or piece of equipment in the ledger (设施设备台账). */
@Entity('assets')
@Index('uq_assets_estate_code', ['estateId', 'code'], { unique: true })
@Index('ix_assets_estate_group_status', ['estateId', 'kpiGroup', 'status'])
@Index('ix_assets_estate_category', ['estateId', 'categoryCode'])
@Index('ix_assets_estate_health', [
  'estateId',
  'kpiGroup',
  'decommissionedAt',
  'registeredAt',
  'firstRecordedAt',
  'installedDate',
  'measureHundredths',
])
@Index('ix_assets_estate_first_recorded', ['estateId', 'firstRecordedAt'])
export class Asset extends BaseEntity {
  @IdColumn()
  estateId: string;

  /** Upper-case, unique in the estate. */
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  categoryCode: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  kpiGroup: KpiGroup | null;

  /** Quantity in hundredths of the unit (12.50 m² = 1250; 3 pieces = 300), so sums are exact. */
  @BigIntegerColumn()
  measureHundredths: number;

  @Column({ type: 'varchar', length: 10 })
  measureUnit: MeasureUnit;

  @Column({ type: 'varchar', length: 200, nullable: true })
  locationText: string | null;

  /** Degrees × 1,000,000 (WGS-84), integers so nothing drifts. */
  @Column({ type: 'int', nullable: true })
  latitudeMicro: number | null;

  @Column({ type: 'int', nullable: true })
  longitudeMicro: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  brand: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  model: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  serialNumber: string | null;

  @LocalDateColumn({ nullable: true })
  installedDate: string | null;

  @LocalDateColumn({ nullable: true })
  warrantyEndDate: string | null;

  @Column({ type: 'varchar', length: 1 })
  importance: Importance;

  @Column({ type: 'varchar', length: 100, nullable: true })
  responsiblePerson: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: AssetStatus;

  /** When the asset entered the ledger (business time from the Clock): the as-of rule starts here. */
  @InstantColumn()
  registeredAt: Date;

  /** From this instant on the asset is out of the ledger's KPIs. */
  @InstantColumn({ nullable: true })
  decommissionedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decommissionReason: string | null;

  /**
   * The earliest recordedAt of the asset's condition records (null: none yet), kept by
   * AssetsService.recordCondition: "no record at or before T" is `first_recorded_at IS NULL OR
   * first_recorded_at > T`, answered from the asset row alone.
   */
  @InstantColumn({ nullable: true })
  firstRecordedAt: Date | null;

  @VersionColumn({ default: 1 })
  version: number;
}

/** One observed condition of an asset at an instant: the asset's history is the list of these. */
@Entity('asset_condition_records')
@Index('ix_asset_conditions_asset_recorded', ['assetId', 'recordedAt'])
@Index('ix_asset_conditions_estate_recorded', ['estateId', 'recordedAt'])
@Index('ix_asset_conditions_current', ['estateId', 'condition', 'validUntil', 'recordedAt', 'assetId'])
export class AssetConditionRecord extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  assetId: string;

  /** `condition` is a reserved word in MySQL, hence the column name. */
  @Column({ name: 'condition_code', type: 'varchar', length: 20 })
  condition: AssetCondition;

  @InstantColumn()
  recordedAt: Date;

  /**
   * End (exclusive) of the interval in which this record is the asset's condition: the recordedAt of
   * the asset's next record in (recordedAt, id) order, or CONDITION_OPEN_END for the last one.
   * Maintained with every insert (AssetsService.recordCondition); see condition-sql.ts.
   */
  @InstantColumn()
  validUntil: Date;

  @Column({ type: 'varchar', length: 20 })
  source: ConditionSource;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @IdColumn({ nullable: true })
  authorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  authorName: string | null;

  /** The inspection result or the work order this record came from. */
  @IdColumn({ nullable: true })
  taskId: string | null;

  @IdColumn({ nullable: true })
  workOrderId: string | null;
}

export interface ChecklistItem {
  id: string;
  label: string;
  /** What a pass looks like (`压力 0.6–0.8 MPa`); the inspector records pass/fail and may note a value. */
  expected: string | null;
}

/** Which priority a work order opened from a finding gets: by failed item and by condition. */
export interface FindingPriorityRule {
  failedItem: FindingPriority;
  poor: FindingPriority;
  bad: FindingPriority;
  dangerous: FindingPriority;
  out_of_service: FindingPriority;
}

/** An inspection (巡检) or maintenance (保养) plan for one asset or every asset of a category. */
@Entity('asset_plans')
@Index('ix_asset_plans_estate_kind', ['estateId', 'kind', 'active'])
@Index('ix_asset_plans_asset', ['assetId'])
export class AssetPlan extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PlanKind;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @IdColumn({ nullable: true })
  assetId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  categoryCode: string | null;

  @Column({ type: 'simple-json' })
  checklist: ChecklistItem[];

  @Column({ type: 'simple-json' })
  recurrence: Recurrence;

  @LocalDateColumn()
  startDate: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  assigneeRole: string | null;

  @IdColumn({ nullable: true })
  assigneeUserId: string | null;

  @Column({ type: 'simple-json' })
  priorityRule: FindingPriorityRule;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn({ default: 1 })
  version: number;
}

/** One due inspection/maintenance of one asset on one date; generated once per (plan, asset, date). */
@Entity('asset_tasks')
@Index('uq_asset_tasks_plan_asset_due', ['planId', 'assetId', 'dueDate'], { unique: true })
@Index('ix_asset_tasks_estate_status_due', ['estateId', 'status', 'dueDate'])
@Index('ix_asset_tasks_asset', ['assetId', 'dueDate'])
export class AssetTask extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  planId: string;

  @IdColumn()
  assetId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PlanKind;

  @LocalDateColumn()
  dueDate: string;

  /** First instant of the day after dueDate in the estate's zone: late from here on. */
  @InstantColumn()
  dueAt: Date;

  @Column({ type: 'varchar', length: 20 })
  status: AssetTaskStatus;

  @InstantColumn({ nullable: true })
  overdueAt: Date | null;

  @InstantColumn({ nullable: true })
  completedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  assigneeRole: string | null;

  @IdColumn({ nullable: true })
  assigneeUserId: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}

export interface ItemResult {
  itemId: string;
  passed: boolean;
  value: string | null;
  note: string | null;
}

/** What the inspector found when completing a task (one per task). */
@Entity('asset_inspection_results')
@Index('uq_asset_results_task', ['taskId'], { unique: true })
@Index('ix_asset_results_asset', ['assetId', 'inspectedAt'])
export class AssetInspectionResult extends BaseEntity {
  @IdColumn()
  estateId: string;

  @IdColumn()
  taskId: string;

  @IdColumn()
  planId: string;

  @IdColumn()
  assetId: string;

  @Column({ type: 'simple-json' })
  itemResults: ItemResult[];

  @Column({ type: 'varchar', length: 20, nullable: true })
  overallCondition: AssetCondition | null;

  @Column({ type: 'simple-json', nullable: true })
  photos: string[] | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @IdColumn()
  inspectorId: string;

  @Column({ type: 'varchar', length: 100 })
  inspectorName: string;

  @InstantColumn()
  inspectedAt: Date;

  @IdColumn({ nullable: true })
  conditionRecordId: string | null;

  @IdColumn({ nullable: true })
  workOrderId: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  workOrderCode: string | null;
}

export const ASSET_ENTITIES = [
  AssetCategory,
  Asset,
  AssetConditionRecord,
  AssetPlan,
  AssetTask,
  AssetInspectionResult,
];
