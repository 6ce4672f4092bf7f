import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, IsInstant } from '@estate/shared';
import {
  ASSET_CONDITIONS,
  AssetCondition,
  KPI_GROUPS,
  KpiGroup,
  MEASURE_UNITS,
  MeasureUnit,
} from '../asset.constants';

export class HealthQuery {
  @IsId() estateId: string;
  @IsInstant({ optional: true, description: 'The instant to look at (defaults to now)' }) asOf?: Date;
}

export class NonIntactAssetResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() measure: number;
  @ApiProperty() measureHundredths: number;
  @ApiProperty({ enum: ASSET_CONDITIONS, nullable: true, description: 'null = no condition record yet' })
  condition: AssetCondition | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) recordedAt: string | null;
}

export class KpiGroupHealthResponse {
  @ApiProperty({ enum: KPI_GROUPS }) kpiGroup: KpiGroup;
  @ApiProperty({ enum: MEASURE_UNITS }) unit: MeasureUnit;
  @ApiProperty() assetCount: number;
  @ApiProperty() totalMeasure: number;
  @ApiProperty() intactMeasure: number;
  @ApiProperty() totalMeasureHundredths: number;
  @ApiProperty() intactMeasureHundredths: number;
  @ApiProperty({ description: 'Measure of assets with no condition record yet (counted, not intact)' })
  unrecordedMeasureHundredths: number;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'intact / total; null when total is 0 (no data)',
  })
  rate: number | null;
  @ApiProperty({ type: NonIntactAssetResponse, isArray: true }) nonIntactAssets: NonIntactAssetResponse[];
}

export class EquipmentHealthResponse {
  @ApiProperty({ description: 'In-service assets without a KPI group' }) assetCount: number;
  @ApiProperty() intactCount: number;
  @ApiProperty() unrecordedCount: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) rate: number | null;
  @ApiProperty({ type: NonIntactAssetResponse, isArray: true }) nonIntactAssets: NonIntactAssetResponse[];
}

export class AssetHealthResponse {
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: KpiGroupHealthResponse, isArray: true }) groups: KpiGroupHealthResponse[];
  @ApiProperty({ type: EquipmentHealthResponse }) equipment: EquipmentHealthResponse;
}
