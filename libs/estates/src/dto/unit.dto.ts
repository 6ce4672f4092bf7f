import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsId, IsOptionalNotNull, IsLocalDate, IsText, PaginationQuery, ToBoolean } from '@estate/shared';
import { IsBoolean } from 'class-validator';
import { UNIT_TYPES, UnitType } from '../entities';

export class CreateUnitRequest {
  @IsId() buildingId: string;
  @IsText({ max: 30, example: '1502' }) number: string;
  @ApiPropertyOptional({ example: 15 }) @IsOptional() @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiProperty({ example: 89.5, description: 'm², at most 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  floorArea: number;
  @ApiPropertyOptional({ enum: UNIT_TYPES, default: 'residential' })
  @IsOptional()
  @IsIn(UNIT_TYPES)
  type?: UnitType;
}

export class UpdateUnitRequest {
  @IsText({ optional: true, notNull: true, max: 30 }) number?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1_000_000)
  floorArea?: number;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @IsOptionalNotNull() @IsIn(UNIT_TYPES) type?: UnitType;
}

export class UnitQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) buildingId?: string;
  @ApiPropertyOptional({ enum: UNIT_TYPES }) @IsOptional() @IsIn(UNIT_TYPES) type?: UnitType;
  @IsText({ optional: true, max: 30, description: 'Search unit number' }) q?: string;
  @ApiPropertyOptional({ description: 'Only units occupied (true) or vacant (false) on `asOf`' })
  @IsOptional()
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
