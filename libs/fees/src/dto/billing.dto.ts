import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  IsFen,
  IsId,
  IsInstant,
  IsLocalDate,
  IsPeriod,
  IsText,
  PaginationQuery,
  Optional,
} from '@estate/shared';
import { FACT_TIME_RULES } from './payment.dto';
import { BILL_STATUSES, BillStatus, FEE_CATEGORIES, FeeCategory } from '../entities';
import { BILLING_RUN_STATUSES, BillingRunStatus } from '../billing-run-state';

export class StartBillingRunRequest {
  @IsId() estateId: string;
  @IsPeriod() period: string;
}

export class BillingRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty() period: string;
  @ApiProperty({ enum: BILLING_RUN_STATUSES }) status: BillingRunStatus;
  @ApiProperty() unitCount: number;
  @ApiProperty() billsCreated: number;
  @ApiProperty() billsExisting: number;
  @ApiProperty() amountCreatedFen: number;
  @ApiProperty() creditAppliedFen: number;
  @ApiProperty() triggeredBy: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) error: string | null;
}

export class BillingRunQuery extends PaginationQuery {
  @IsId() estateId: string;
  @IsPeriod({ optional: true }) period?: string;
}

export class BillQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) unitId?: string;
  @IsPeriod({ optional: true }) period?: string;
  @ApiPropertyOptional({ enum: FEE_CATEGORIES }) @Optional() @IsIn(FEE_CATEGORIES) category?: FeeCategory;
  @ApiPropertyOptional({ enum: BILL_STATUSES })
  @Optional()
  @IsIn(BILL_STATUSES)
  status?: BillStatus;
}

export class BillResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) buildingId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ format: 'uuid' }) feeItemId: string;
  @ApiProperty() itemName: string;
  @ApiProperty({ enum: FEE_CATEGORIES }) category: FeeCategory;
  @ApiProperty() period: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() waivedFen: number;
  @ApiProperty({ description: 'amountFen − waivedFen − paidFen' }) outstandingFen: number;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() billedDays: number;
  @ApiProperty() daysInPeriod: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) quantityHundredths: number | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The chargeable work order a 维修费 bill charges (docs/fees.md "Paid repairs")',
  })
  workOrderId: string | null;
  @ApiProperty({ enum: BILL_STATUSES }) status: BillStatus;
}

export class UnpaidBillResponse extends BillResponse {
  @ApiProperty({
    description: 'What was still owed at the period end (amount − paid − waived as of then), fen',
  })
  outstandingAtPeriodEndFen: number;
}

export class CreateAdjustmentRequest {
  @IsFen({ description: 'Integer fen taken off the bill' }) amountFen: number;
  @IsText({ max: 500, example: '业主困难减免' }) reason: string;
  @IsInstant({
    optional: true,
    description: `When the waiver takes effect (approvedAt; KPI #4 nets it off from then on). Not before the bill was created. ${FACT_TIME_RULES}`,
  })
  effectiveAt?: Date;
}

export class AdjustmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) approvedById: string;
  @ApiProperty() approvedByName: string;
  @ApiProperty({ format: 'date-time', description: 'When the waiver took effect (its effectiveAt)' })
  approvedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it was entered' }) recordedAt: string;
  @ApiProperty({ type: BillResponse }) bill: BillResponse;
}

export class LateFeeQuery {
  @IsLocalDate({ optional: true, description: 'Defaults to today in the estate zone' }) asOf?: string;
}

export class LateFeeResponse {
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty() principalOutstandingFen: number;
  @ApiProperty() daysOverdue: number;
  @ApiProperty() lateFeeFen: number;
}
