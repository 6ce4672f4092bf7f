import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  IsExportLocale,
  IsId,
  IsInstant,
  IsLocalDate,
  IsPeriod,
  IsText,
  PaginationQuery,
} from '@estate/shared';
import type { LabelLocale } from '@estate/labels';
import { DUNNING_METHODS, DunningMethod } from '../entities';

export class ArrearsQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsLocalDate({ description: 'Arrears as of the end of this local date' }) asOf: string;
}

export class AgingAmounts {
  @ApiProperty() days0To30: number;
  @ApiProperty() days31To90: number;
  @ApiProperty() days91To180: number;
  @ApiProperty() days181To365: number;
  @ApiProperty() over365: number;
  @ApiProperty() totalFen: number;
}

export class ArrearsUnitRow {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitNumber: string;
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty() buildingNumber: string;
  @ApiProperty({ type: AgingAmounts }) outstanding: AgingAmounts;
  @ApiProperty() billCount: number;
  @ApiProperty({ description: 'Late fees as of the date (0 unless the estate enables them)' })
  lateFeeFen: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastPaymentAt: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastPaymentFen: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contactName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Masked' }) contactPhone: string | null;
}

export class ArrearsBuildingTotal {
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty() buildingNumber: string;
  @ApiProperty() unitCount: number;
  @ApiProperty({ type: AgingAmounts }) outstanding: AgingAmounts;
}

export class ArrearsResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: ArrearsUnitRow, isArray: true, description: 'One page of units, in unit order' })
  units: ArrearsUnitRow[];
  @ApiProperty({ description: 'Units with arrears in all pages' }) unitCount: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: ArrearsBuildingTotal, isArray: true }) buildings: ArrearsBuildingTotal[];
  @ApiProperty({ type: AgingAmounts }) total: AgingAmounts;
}

export class CreateDunningRecordRequest {
  @IsId() unitId: string;
  @ApiProperty({ enum: DUNNING_METHODS }) @IsIn(DUNNING_METHODS) method: DunningMethod;
  @IsInstant({ optional: true, description: 'Defaults to now' }) contactedAt?: Date;
  @IsText({ max: 500, example: '电话催缴，业主承诺月底前缴清' }) outcome: string;
}

export class DunningQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsId({ optional: true }) unitId?: string;
}

export class DunningRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'date-time' }) contactedAt: string;
  @ApiProperty({ enum: DUNNING_METHODS }) method: DunningMethod;
  @ApiProperty() outcome: string;
  @ApiPropertyOptional({ type: String, nullable: true }) staffName: string | null;
}

export class CollectionQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class CollectionFigures {
  @ApiProperty({ description: 'Billed net of waivers approved before period end' }) receivableFen: number;
  @ApiProperty({ description: 'Paid by period end, reversed payments excluded' }) collectedFen: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'collected / receivable; null when nothing is receivable',
  })
  rate: number | null;
}

export class CollectionBreakdownRow {
  @ApiProperty() key: string;
  @ApiPropertyOptional({ type: String, nullable: true }) label: string | null;
  @ApiProperty({ type: CollectionFigures }) currentMonth: CollectionFigures;
  @ApiProperty({ type: CollectionFigures }) yearToDate: CollectionFigures;
}

export class CollectionResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ type: CollectionFigures }) currentMonth: CollectionFigures;
  @ApiProperty({ type: CollectionFigures }) yearToDate: CollectionFigures;
  @ApiProperty({ description: '清欠: collected during the period on bills of earlier periods' })
  arrearsRecoveredFen: number;
  @ApiProperty({ type: CollectionBreakdownRow, isArray: true }) byCategory: CollectionBreakdownRow[];
  @ApiProperty({ type: CollectionBreakdownRow, isArray: true }) byBuilding: CollectionBreakdownRow[];
}

export class ExportBillsQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

export class ExportPaymentsQuery {
  @IsId() estateId: string;
  @IsLocalDate() from: string;
  @IsLocalDate() to: string;
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

export class ExportArrearsQuery extends ArrearsQuery {
  @IsExportLocale() locale: LabelLocale = 'zh-CN';
}

export class UnpaidBillsQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}
