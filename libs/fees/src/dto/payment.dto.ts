import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, Matches } from 'class-validator';
import {
  IsFen,
  IsId,
  IsInstant,
  IsLocalDate,
  IsText,
  PaginationQuery,
  UUID_PATTERN,
  enumDescription,
  Optional,
} from '@estate/shared';
import { CLOSED_MONTH_POLICIES, ClosedMonthPolicy } from '@estate/estates';
import { PAYMENT_METHODS, PaymentMethod } from '../entities';
import { RECEIPT_LAYOUTS, ReceiptLayout } from '../receipt-pdf';

/** docs/api.md "Times of facts". */
export const FACT_TIME_RULES =
  "Defaults to now; never in the future (5 min clock skew), never more than the estate's " +
  'settings.facts.maxBackdateDays (7) back, never in a closed KPI month.';
import { PAYMENT_STATUSES, PaymentStatus } from '../payment-state';

export class CreatePaymentRequest {
  @IsId() unitId: string;
  @IsId({ optional: true, description: 'Taken from the unit; if sent, it must be the unit’s estate' })
  estateId?: string;
  @IsFen({ description: 'Integer fen received (1 yuan = 100 fen)' }) amountFen: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) @IsIn(PAYMENT_METHODS) method: PaymentMethod;
  @IsInstant({ optional: true, description: `When the money was received. ${FACT_TIME_RULES}` })
  paidAt?: Date;
  @IsText({ optional: true, max: 100 }) payerName?: string;
  @IsText({ optional: true, max: 100, description: 'Bank / WeChat / Alipay transaction id' })
  reference?: string;
  @ApiPropertyOptional({
    type: String,
    isArray: true,
    format: 'uuid',
    description: 'Pay these bills in this order; otherwise oldest due first (FIFO)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(UUID_PATTERN, { each: true, message: 'each billIds entry must be a UUID' })
  billIds?: string[];
}

export class ReversePaymentRequest {
  @IsText({ max: 500, example: '重复收款' }) reason: string;
  @IsInstant({
    optional: true,
    description:
      'When the reversal takes effect (KPI #4 and arrears read it from then on; a month that ended before ' +
      `it is never changed). Not before the payment. ${FACT_TIME_RULES}`,
  })
  effectiveAt?: Date;
  @ApiPropertyOptional({
    enum: CLOSED_MONTH_POLICIES,
    default: 'refuse',
    description: enumDescription('What to do when effectiveAt lies in a closed KPI month', {
      refuse: 'refuse the reversal (422 PERIOD_CLOSED naming the month)',
      first_open_month: 'take effect at the first instant of the first open month',
    }),
  })
  @Optional()
  @IsIn(CLOSED_MONTH_POLICIES)
  ifMonthClosed?: ClosedMonthPolicy;
}

export class ReceiptQuery {
  @ApiPropertyOptional({
    enum: RECEIPT_LAYOUTS,
    default: 'a5',
    description: 'Page layout: `a5` — A5 landscape sheet (default); `thermal` — 80 mm thermal roll',
  })
  @Optional()
  @IsIn(RECEIPT_LAYOUTS)
  layout: ReceiptLayout = 'a5';
}

export class PaymentQuery extends PaginationQuery {
  @IsId({ optional: true }) estateId?: string;
  @IsId({ optional: true }) unitId?: string;
  @IsLocalDate({ optional: true, description: 'paidAt on or after this local date' }) from?: string;
  @IsLocalDate({ optional: true, description: 'paidAt on or before this local date' }) to?: string;
}

export class AllocationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) billId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ enum: ['payment', 'credit'] }) source: string;
  @ApiProperty({ format: 'date-time' }) paidAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) reversedAt: string | null;
}

export class PaymentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) estateId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: 'RC-2026-000001' }) receiptCode: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty({ description: 'Negative for a reversal row' }) amountFen: number;
  @ApiProperty({ description: 'Part of the payment that went to unit credit (预存)' }) creditFen: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty({ format: 'date-time' }) paidAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) payerName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reference: string | null;
  @ApiProperty() idempotencyKey: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) reversesPaymentId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) reversedByPaymentId: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "When the reversal took effect (its effectiveAt); the reversal row's recordedAt is when it was entered",
  })
  reversedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reversalReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) recordedByName: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was entered (paidAt is when it happened)' })
  recordedAt: string;
  @ApiProperty({ type: AllocationResponse, isArray: true }) allocations: AllocationResponse[];
  @ApiProperty({ type: String, isArray: true, description: 'Actions allowed now' }) allowedActions: string[];
}

export class UnitBalanceResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ description: 'Sum of outstanding bills' }) outstandingFen: number;
  @ApiProperty({ description: 'Unit credit (预存) balance' }) creditFen: number;
}

export class CreateMeterReadingRequest {
  @IsId() unitId: string;
  @ApiProperty({ enum: ['water', 'electricity', 'gas'] })
  @IsIn(['water', 'electricity', 'gas'])
  meterType: 'water' | 'electricity' | 'gas';
  @IsFen({ min: 0, description: 'Reading in hundredths of m³ / kWh (123.45 = 12345)' })
  readingHundredths: number;
  @IsInstant({ description: 'When the meter was read' }) readAt: Date;
  @ApiPropertyOptional({ description: 'A new meter: starts again from zero' })
  @Optional()
  @IsIn([true, false])
  replacement?: boolean;
}

export class MeterReadingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() meterType: string;
  @ApiProperty() readingHundredths: number;
  @ApiProperty() consumptionHundredths: number;
  @ApiProperty({ format: 'date-time' }) readAt: string;
  @ApiProperty() replacement: boolean;
}
