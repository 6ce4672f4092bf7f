import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { BaseEntity, IdColumn, InstantColumn } from '@estate/shared';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_LOCALES = ['zh-CN', 'en'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];
export const REPORT_STATUSES = ['generating', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_KINDS = ['draft', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_ORIGINS = ['request', 'schedule', 'finalize', 'cli'] as const;
export type ReportOrigin = (typeof REPORT_ORIGINS)[number];

/**
 * One generated monthly compliance report (月度考核报告) of an estate and period. Drafts can be
 * generated as often as wanted; a `final` one is made once per estate, period and locale from the
 * closed KPI snapshot and never changes (`uniqueKey` enforces "once"; nothing updates a ready final).
 */
@Entity('monthly_reports')
@Index('ix_monthly_reports_estate_period', ['estateId', 'period', 'requestedAt'])
@Index('uq_monthly_reports_unique_key', ['uniqueKey'], { unique: true })
export class MonthlyReport extends BaseEntity {
  @IdColumn()
  estateId: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'varchar', length: 5 })
  locale: ReportLocale;

  @Column({ type: 'simple-json' })
  formats: ReportFormat[];

  @Column({ type: 'varchar', length: 12 })
  status: ReportStatus;

  @Column({ type: 'varchar', length: 8 })
  kind: ReportKind;

  @Column({ type: 'varchar', length: 12 })
  origin: ReportOrigin;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @IdColumn({ nullable: true })
  requestedById: string | null;

  @Column({ type: 'varchar', length: 100 })
  requestedByName: string;

  @InstantColumn()
  requestedAt: Date;

  @InstantColumn({ nullable: true })
  generatedAt: Date | null;

  /** Where the scorecard came from: `live` (open month) or `snapshot` (closed month). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  scorecardSource: string | null;

  @Column({ type: 'int', nullable: true })
  snapshotVersion: number | null;

  /** `final:<estate>:<period>:<locale>` or `scheduled:<estate>:<period>`; null for on-demand drafts. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  uniqueKey: string | null;

  @VersionColumn()
  version: number;
}

/** The bytes of one format of a report, with their size and SHA-256. */
@Entity('report_files')
@Index('uq_report_files_format', ['reportId', 'format'], { unique: true })
export class ReportFile extends BaseEntity {
  @IdColumn()
  reportId: string;

  @Column({ type: 'varchar', length: 8 })
  format: ReportFormat;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** `longblob` in the migration; `blob` here because that is the type name both drivers accept. */
  @Column({ type: 'blob', select: false })
  content: Buffer;
}

export const REPORT_ENTITIES = [MonthlyReport, ReportFile];
