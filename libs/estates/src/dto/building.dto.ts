import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { IsId, IsText, Nullable, PaginationQuery, Optional } from '@estate/shared';

export class CreateBuildingRequest {
  @IsId() estateId: string;
  @IsText({ max: 30, example: '3' }) number: string;
  @IsText({ optional: true, max: 100, example: '3号楼', description: 'Defaults to the number' })
  name?: string;
  @ApiPropertyOptional({ example: 18 }) @Optional() @IsInt() @Min(1) @Max(200) floors?: number;
  @ApiPropertyOptional({ example: 12800.5, description: 'm², at most 2 decimals' })
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100_000_000)
  floorArea?: number;
}

export class UpdateBuildingRequest {
  @IsText({ optional: true, max: 30 }) number?: string;
  @IsText({ optional: true, max: 100 }) name?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'null clears it' })
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(200)
  floors?: number | null;
  @ApiPropertyOptional()
  @Optional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100_000_000)
  floorArea?: number;
}

export class BuildingQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsText({ optional: true, max: 100, description: 'Search number or name' }) q?: string;
}

export class BuildingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() number: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) floors: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'm²' }) floorArea: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
