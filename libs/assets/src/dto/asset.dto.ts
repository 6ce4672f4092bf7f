import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, Matches, Max, Min } from 'class-validator';
import {
  IsExportLocale,
  IsId,
  IsInstant,
  IsLocalDate,
  IsText,
  PaginationQuery,
  enumDescription,
  Optional,
  Nullable,
} from '@estate/shared';
import type { LabelLocale } from '@estate/labels';
import {
  ASSET_CONDITIONS,
  ASSET_STATUSES,
  AssetCondition,
  AssetStatus,
  CONDITION_SOURCES,
  ConditionSource,
  IMPORTANCE_LEVELS,
  Importance,
  KPI_GROUPS,
  KpiGroup,
  MEASURE_UNITS,
  MeasureUnit,
} from '../asset.constants';

const CATEGORY_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export class CreateAssetRequest {
  @IsId() estateId: string;
  @IsText({ max: 40, example: 'SL-001', description: 'Unique in the estate (stored upper-case)' })
  code: string;
  @IsText({ max: 100, example: '1号路灯' }) name: string;
  @ApiProperty({
    example: 'street_light',
    description: 'A category code of the estate (GET /asset-categories)',
  })
  @Matches(CATEGORY_CODE, { message: 'categoryCode must be a lower_snake category code' })
  categoryCode: string;
  @ApiPropertyOptional({
    enum: KPI_GROUPS,
    nullable: true,
    description: "Defaults to the category's KPI group; null for plain equipment",
  })
  @Nullable()
  @IsIn([...KPI_GROUPS, null])
  kpiGroup?: KpiGroup | null;
  @ApiProperty({ example: 1, description: 'Quantity (> 0, at most 2 decimals; whole for count)' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100_000_000)
  measure: number;
  @ApiProperty({ enum: MEASURE_UNITS, description: 'Must be the unit of the KPI group' })
  @IsIn(MEASURE_UNITS)
  measureUnit: MeasureUnit;
  @IsText({ optional: true, max: 200, example: '3号楼东侧' }) locationText?: string;
  @ApiPropertyOptional({ example: 31.230416 })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 6, allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number;
  @ApiPropertyOptional({ example: 121.473701 })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 6, allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number;
  @IsText({ optional: true, max: 100 }) brand?: string;
  @IsText({ optional: true, max: 100 }) model?: string;
  @IsText({ optional: true, max: 100 }) serialNumber?: string;
  @IsLocalDate({ optional: true }) installedDate?: string;
  @IsLocalDate({ optional: true }) warrantyEndDate?: string;
  @ApiPropertyOptional({ enum: IMPORTANCE_LEVELS, default: 'B' })
  @Optional()
  @IsIn(IMPORTANCE_LEVELS)
  importance?: Importance;
  @IsText({ optional: true, max: 100 }) responsiblePerson?: string;
  @ApiPropertyOptional({
    enum: ASSET_CONDITIONS,
    description: 'Writes a first manual condition record at creation time',
  })
  @Optional()
  @IsIn(ASSET_CONDITIONS)
  initialCondition?: AssetCondition;
}

export class UpdateAssetRequest {
  @ApiProperty({ description: 'The version you read (optimistic locking)' })
  @IsNumber({ maxDecimalPlaces: 0 })
  @Min(1)
  version: number;
  @IsText({ optional: true, max: 100 }) name?: string;
  @ApiPropertyOptional()
  @Optional()
  @Matches(CATEGORY_CODE, { message: 'categoryCode must be a lower_snake category code' })
  categoryCode?: string;
  @ApiPropertyOptional({ enum: KPI_GROUPS, nullable: true })
  @Nullable()
  @IsIn([...KPI_GROUPS, null])
  kpiGroup?: KpiGroup | null;
  @ApiPropertyOptional()
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100_000_000)
  measure?: number;
  @ApiPropertyOptional({ enum: MEASURE_UNITS }) @Optional() @IsIn(MEASURE_UNITS) measureUnit?: MeasureUnit;
  @IsText({ optional: true, nullable: true, max: 200 }) locationText?: string | null;
  @IsText({ optional: true, nullable: true, max: 100 }) brand?: string | null;
  @IsText({ optional: true, nullable: true, max: 100 }) model?: string | null;
  @IsText({ optional: true, nullable: true, max: 100 }) serialNumber?: string | null;
  @IsLocalDate({ optional: true, nullable: true }) installedDate?: string | null;
  @IsLocalDate({ optional: true, nullable: true }) warrantyEndDate?: string | null;
  @ApiPropertyOptional({ enum: IMPORTANCE_LEVELS })
  @Optional()
  @IsIn(IMPORTANCE_LEVELS)
  importance?: Importance;
  @IsText({ optional: true, nullable: true, max: 100 }) responsiblePerson?: string | null;
}

export class DecommissionAssetRequest {
  @ApiProperty({ description: 'The version you read (optimistic locking)' })
  @IsNumber({ maxDecimalPlaces: 0 })
  @Min(1)
  version: number;
  @IsInstant({ optional: true, description: 'Defaults to now; not in the future' }) decommissionedAt?: Date;
  @IsText({ max: 500 }) reason: string;
}

export class AssetQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @ApiPropertyOptional() @Optional() @Matches(CATEGORY_CODE) category?: string;
  @ApiPropertyOptional({
    enum: [...KPI_GROUPS, 'none'],
    description: 'The KPI group the asset counts in; `none` — assets in no KPI group',
  })
  @Optional()
  @IsIn([...KPI_GROUPS, 'none'])
  kpiGroup?: KpiGroup | 'none';
  @ApiPropertyOptional({
    enum: [...ASSET_CONDITIONS, 'unrecorded'],
    description: 'Current condition; `unrecorded` — no condition recorded yet',
  })
  @Optional()
  @IsIn([...ASSET_CONDITIONS, 'unrecorded'])
  condition?: AssetCondition | 'unrecorded';
  @ApiPropertyOptional({ enum: ASSET_STATUSES }) @Optional() @IsIn(ASSET_STATUSES) status?: AssetStatus;
  @IsText({ optional: true, max: 100, description: 'Code, name, location or serial number contains' })
  q?: string;
}

/** The list's filters plus the language of the workbook. */
export class AssetExportQuery extends AssetQuery {
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

export class AssetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() categoryCode: string;
  @ApiProperty({ enum: KPI_GROUPS, nullable: true }) kpiGroup: KpiGroup | null;
  @ApiProperty({ description: 'Quantity in the unit (hundredths / 100)' }) measure: number;
  @ApiProperty({ description: 'Exact quantity in hundredths of the unit' }) measureHundredths: number;
  @ApiProperty({ enum: MEASURE_UNITS }) measureUnit: MeasureUnit;
  @ApiProperty({ type: String, nullable: true }) locationText: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: String, nullable: true }) brand: string | null;
  @ApiProperty({ type: String, nullable: true }) model: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) installedDate: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) warrantyEndDate: string | null;
  @ApiProperty({ enum: IMPORTANCE_LEVELS }) importance: Importance;
  @ApiProperty({ type: String, nullable: true }) responsiblePerson: string | null;
  @ApiProperty({ enum: ASSET_STATUSES }) status: AssetStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decommissionedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decommissionReason: string | null;
  @ApiProperty({
    enum: ASSET_CONDITIONS,
    nullable: true,
    description: 'Latest condition record; null = none yet',
  })
  condition: AssetCondition | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) conditionRecordedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreateConditionRecordRequest {
  @ApiProperty({ enum: ASSET_CONDITIONS }) @IsIn(ASSET_CONDITIONS) condition: AssetCondition;
  @IsInstant({
    optional: true,
    description: 'When observed; defaults to now; not in the future nor before installation',
  })
  recordedAt?: Date;
  @IsText({ optional: true, max: 500 }) note?: string;
}

export class ConditionRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ enum: ASSET_CONDITIONS }) condition: AssetCondition;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ enum: CONDITION_SOURCES }) source: ConditionSource;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, nullable: true }) authorId: string | null;
  @ApiProperty({ type: String, nullable: true }) authorName: string | null;
  @ApiProperty({ type: String, nullable: true }) taskId: string | null;
  @ApiProperty({ type: String, nullable: true }) workOrderId: string | null;
}

export class TimelineEntryResponse {
  @ApiProperty({
    enum: ['condition', 'inspection', 'maintenance', 'work_order', 'decommissioned'],
    description: enumDescription('What the entry records', {
      condition: 'a condition record (状况记录)',
      inspection: 'a completed inspection task (巡检)',
      maintenance: 'a completed maintenance task (保养)',
      work_order: 'a work order on the asset (工单)',
      decommissioned: 'the asset was decommissioned (报废/停用)',
    }),
  })
  type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

export class AssetTimelineResponse {
  @ApiProperty({ format: 'uuid' }) assetId: string;
  @ApiProperty({ type: TimelineEntryResponse, isArray: true, description: 'Newest first' })
  entries: TimelineEntryResponse[];
}

export class AssetCategoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: KPI_GROUPS, nullable: true }) kpiGroup: KpiGroup | null;
}

export class CreateAssetCategoryRequest {
  @IsId() estateId: string;
  @ApiProperty({ example: 'booster_pump' })
  @Matches(CATEGORY_CODE, { message: 'code must be lower_snake (a-z, 0-9, _), at most 40 characters' })
  code: string;
  @IsText({ max: 100 }) name: string;
  @ApiPropertyOptional({ enum: KPI_GROUPS, nullable: true })
  @Nullable()
  @IsIn([...KPI_GROUPS, null])
  kpiGroup?: KpiGroup | null;
}

export class CategoryQuery {
  @IsId() estateId: string;
}

export class AssetImportResponse {
  @ApiProperty() imported: number;
  @ApiProperty() conditionRecords: number;
}
