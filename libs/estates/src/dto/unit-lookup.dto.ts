import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsId, IsText } from '@estate/shared';
import { RESIDENT_RELATIONS, ResidentRelation, UNIT_TYPES, UnitType } from '../entities';

export class UnitLookupQuery {
  @IsId() estateId: string;
  @IsText({
    optional: true,
    max: 30,
    example: '5678',
    description:
      "The caller's number in full (7+ digits; spaces, dashes and +86 ignored) or its last 4 digits. " +
      'Matches residents living in the unit today.',
  })
  phone?: string;
  @IsText({
    optional: true,
    max: 30,
    example: '3-12',
    description:
      'Building and room as typed: `3-12`, `3 1203`, `3栋1203`, `3号楼1203` (building number or name, then the ' +
      'start of the unit number), `3栋` (that building), or `1203` (the start of a unit number in any building).',
  })
  q?: string;
}

export class LookupResidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'In full: the front desk calls back' })
  phone: string | null;
  @ApiProperty({ enum: RESIDENT_RELATIONS, description: 'owner, tenant or family (as the registry has it)' })
  relation: ResidentRelation;
  @ApiProperty({ format: 'date' }) moveInDate: string;
}

export class UnitLookupResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '3-1203' }) unitLabel: string;
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty() buildingNumber: string;
  @ApiProperty() buildingName: string;
  @ApiProperty() number: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) floor: number | null;
  @ApiProperty({ description: 'm²' }) floorArea: number;
  @ApiProperty({ enum: UNIT_TYPES }) type: UnitType;
  @ApiProperty({
    type: LookupResidentResponse,
    isArray: true,
    description: 'Living there today (estate zone), owners first',
  })
  residents: LookupResidentResponse[];
  @ApiProperty({ description: 'Work orders of the unit not closed or cancelled' }) openWorkOrders: number;
  @ApiProperty({ description: 'Complaints of the unit not closed' }) openComplaints: number;
}
