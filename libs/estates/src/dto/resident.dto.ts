import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsId, IsLocalDate, IsText, PaginationQuery, Optional } from '@estate/shared';
import { RESIDENT_RELATIONS, ResidentRelation } from '../entities';

export class CreateResidentRequest {
  @IsId() unitId: string;
  @IsText({ max: 100, example: '张三' }) name: string;
  @IsText({ optional: true, max: 30, example: '13812345678' }) phone?: string;
  @ApiProperty({ enum: RESIDENT_RELATIONS }) @IsIn(RESIDENT_RELATIONS) relation: ResidentRelation;
  @IsLocalDate({ description: 'First day living there (inclusive)' }) moveInDate: string;
  @IsLocalDate({ optional: true, description: 'Day they left (exclusive)' }) moveOutDate?: string;
}

export class UpdateResidentRequest {
  @IsText({ optional: true, max: 100 }) name?: string;
  @IsText({ optional: true, nullable: true, max: 30 }) phone?: string | null;
  @ApiPropertyOptional({ enum: RESIDENT_RELATIONS })
  @Optional()
  @IsIn(RESIDENT_RELATIONS)
  relation?: ResidentRelation;
  @IsLocalDate({ optional: true }) moveInDate?: string;
  @IsLocalDate({ optional: true, description: 'Record a move-out' }) moveOutDate?: string;
}

export class ResidentQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) unitId?: string;
  @IsId({ optional: true }) buildingId?: string;
  @IsText({ optional: true, max: 100, description: 'Search name or phone' }) q?: string;
  @IsLocalDate({ optional: true, description: 'Only residents living there on this date' }) livingOn?: string;
}

export class ResidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '3-1203',
    description: 'Building number and unit number',
  })
  unitLabel: string | null;
  @ApiProperty() name: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Masked in lists (138****5678), full on the detail endpoint',
  })
  phone: string | null;
  @ApiProperty({ enum: RESIDENT_RELATIONS }) relation: ResidentRelation;
  @ApiProperty({ format: 'date' }) moveInDate: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) moveOutDate: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
