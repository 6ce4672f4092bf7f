import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  Max,
  Min,
} from 'class-validator';
import { UNIT_TYPES, UnitType } from '@estate/estates';
import { IsId, IsPeriod, IsText, PaginationQuery, ToBoolean, Optional } from '@estate/shared';
import {
  BILLING_BASES,
  BillingBasis,
  FEE_CATEGORIES,
  FeeCategory,
  FEE_ITEM_SYSTEM_KEYS,
  FeeItemSystemKey,
  METER_TYPES,
  RUN_BILLING_BASES,
  MeterType,
} from '../entities';

export class CreateFeeItemRequest {
  @IsId() estateId: string;
  @IsText({ max: 100, example: '物业管理费' }) name: string;
  @ApiProperty({ enum: FEE_CATEGORIES }) @IsIn(FEE_CATEGORIES) category: FeeCategory;
  @ApiProperty({ enum: RUN_BILLING_BASES }) @IsIn(RUN_BILLING_BASES) basis: BillingBasis;
  @ApiProperty({
    example: 23500,
    description:
      'Price in 1/100 fen (¥2.35 = 23500): per m² per month (per_area), per unit per month (per_unit), per unit of consumption (metered), or the whole amount (one_off)',
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  priceCentiFen: number;
  @ApiProperty({ enum: UNIT_TYPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(UNIT_TYPES.length)
  @ArrayUnique()
  @IsIn(UNIT_TYPES, { each: true })
  unitTypes: UnitType[];
  @ApiPropertyOptional({ enum: METER_TYPES, description: 'Required for metered items' })
  @Optional()
  @IsIn(METER_TYPES)
  meterType?: MeterType;
  @IsPeriod({ description: 'First period billed' }) activeFrom: string;
  @IsPeriod({ optional: true, description: 'Last period billed (inclusive)' }) activeTo?: string;
}

export class UpdateFeeItemRequest {
  @IsText({ optional: true, max: 100 }) name?: string;
  @ApiPropertyOptional({ description: 'Applies to bills of later runs only' })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  priceCentiFen?: number;
  @IsPeriod({ optional: true, nullable: true }) activeTo?: string | null;
  @ApiPropertyOptional() @Optional() @IsBoolean() active?: boolean;
}

export class FeeItemQuery extends PaginationQuery {
  @IsId() estateId: string;
  @ApiPropertyOptional() @Optional() @ToBoolean() @IsBoolean() active?: boolean;
}

export class FeeItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FEE_CATEGORIES }) category: FeeCategory;
  @ApiProperty({ enum: BILLING_BASES }) basis: BillingBasis;
  @ApiProperty({ description: '1/100 fen' }) priceCentiFen: number;
  @ApiProperty({ enum: UNIT_TYPES, isArray: true }) unitTypes: UnitType[];
  @ApiPropertyOptional({ enum: METER_TYPES, nullable: true }) meterType: MeterType | null;
  @ApiProperty() activeFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true }) activeTo: string | null;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({
    enum: FEE_ITEM_SYSTEM_KEYS,
    nullable: true,
    description: 'paid_repair: the 维修费 item chargeable work orders are billed on (made by the system)',
  })
  systemKey: FeeItemSystemKey | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
