import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, Max, Min } from 'class-validator';
import { IsId, IsLocalDate, IsText, PaginationQuery, ToBoolean, Nullable, Optional } from '@estate/shared';
import { IsBoolean } from 'class-validator';
import { UNIT_TYPES, UnitType } from '../entities';

export class CreateUnitRequest {
  @IsId() buildingId: string;
  @IsText({ max: 30, example: '1502' }) number: string;
  @ApiPropertyOptional({ example: 15 }) @Optional() @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiProperty({ example: 89.5, description: 'm², at most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  floorArea: number;
  @ApiPropertyOptional({ enum: UNIT_TYPES, default: 'residential' })
  @Optional()
  @IsIn(UNIT_TYPES)
  type?: UnitType;
}

export class UpdateUnitRequest {
  @IsText({ optional: true, max: 30 }) number?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null clears it' })
  @Nullable()
  @IsInt()
  @Min(-10)
  @Max(200)
  floor?: number | null;
  @ApiPropertyOptional()
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  floorArea?: number;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @Optional() @IsIn(UNIT_TYPES) type?: UnitType;
}

export class UnitQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) buildingId?: string;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @Optional() @IsIn(UNIT_TYPES) type?: UnitType;
  @IsText({ optional: true, max: 30, description: 'Search unit number' }) q?: string;
  @ApiPropertyOptional({ description: 'Only units occupied (true) or vacant (false) on `asOf`' })
  @Optional()
  @ToBoolean()
  @IsBoolean()
  occupied?: boolean;
  @IsLocalDate({ optional: true, description: 'Date for `occupied` (defaults to today in the estate zone)' })
  asOf?: string;
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty() buildingNumber: string;
  @ApiProperty() number: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) floor: number | null;
  @ApiProperty({ description: 'm²' }) floorArea: number;
  @ApiProperty({ enum: UNIT_TYPES }) type: UnitType;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
