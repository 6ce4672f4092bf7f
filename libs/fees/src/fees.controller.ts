import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import {
  ApiErrors,
  ApiFileResponse,
  PDF_CONTENT_TYPE,
  Page,
  PageDto,
  XLSX_CONTENT_TYPE,
} from '@estate/shared';
import { UnpaidBillResponse } from './dto/billing.dto';
import type { Response } from 'express';
import { ArrearsService } from './arrears.service';
import { BillingRunService } from './billing-run.service';
import { BillsService } from './bills.service';
import { CollectionService, UnpaidBill } from './collection.service';
import {
  ArrearsQuery,
  ArrearsResponse,
  CollectionQuery,
  CollectionResponse,
  CreateDunningRecordRequest,
  DunningQuery,
  DunningRecordResponse,
  ExportArrearsQuery,
  ExportBillsQuery,
  ExportPaymentsQuery,
  UnpaidBillsQuery,
} from './dto/arrears.dto';
import {
  AdjustmentResponse,
  BillQuery,
  BillResponse,
  BillingRunQuery,
  BillingRunResponse,
  CreateAdjustmentRequest,
  LateFeeQuery,
  LateFeeResponse,
  StartBillingRunRequest,
} from './dto/billing.dto';
import {
  CreateFeeItemRequest,
  FeeItemQuery,
  FeeItemResponse,
  UpdateFeeItemRequest,
} from './dto/fee-item.dto';
import {
  CreateMeterReadingRequest,
  CreatePaymentRequest,
  MeterReadingResponse,
  PaymentQuery,
  PaymentResponse,
  ReceiptQuery,
  ReversePaymentRequest,
  UnitBalanceResponse,
} from './dto/payment.dto';
import { ExportsService, XlsxExport } from './exports.service';
import { FeeItemsService } from './fee-items.service';
import { PaymentsService } from './payments.service';

/** Who runs the money side. */
const FINANCE = ['admin', 'manager', 'finance'] as const;
/** Who may look at bills and balances. */
const FEE_READERS = ['admin', 'manager', 'finance', 'front_desk'] as const;

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fee-items')
export class FeeItemsController {
  constructor(private readonly feeItems: FeeItemsService) {}

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Create a fee item (新建收费项目)',
    description:
      'A charge of an estate (management fee by area, metered water/electricity, fixed amounts) with its rate in fen and active dates.',
  })
  @ApiErrors({
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['ACTIVE_RANGE_INVALID', 'METER_TYPE_MISMATCH'],
  })
  @Post()
  @ApiCreatedResponse({ type: FeeItemResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateFeeItemRequest,
  ): Promise<FeeItemResponse> {
    return this.feeItems.create(user, body);
  }

  @Roles(...FEE_READERS)
  @ApiOperation({ summary: 'List fee items (收费项目列表)', description: "An estate's fee items." })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(FeeItemResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: FeeItemQuery): Promise<Page<FeeItemResponse>> {
    return this.feeItems.list(user, query);
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Update a fee item (修改收费项目)',
    description: 'Changes name, rate or active dates; an empty active range is refused.',
  })
  @ApiErrors({ 404: ['FEE_ITEM_NOT_FOUND'], 422: ['ACTIVE_RANGE_INVALID'] })
  @Patch(':id')
  @ApiOkResponse({ type: FeeItemResponse })
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateFeeItemRequest,
  ): Promise<FeeItemResponse> {
    return this.feeItems.update(user, id, body);
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('meter-readings')
export class MeterReadingsController {
  constructor(private readonly feeItems: FeeItemsService) {}

  @Roles(...FINANCE, 'technician')
  @ApiOperation({
    summary: 'Record a meter reading (抄表)',
    description:
      "A unit's water/electricity meter reading; a reading lower than the previous one or out of date order is refused.",
  })
  @ApiErrors({
    422: ['METER_READING_DECREASED', 'METER_READING_OUT_OF_ORDER', 'READ_AT_IN_FUTURE', 'UNIT_NOT_FOUND'],
  })
  @Post()
  @ApiCreatedResponse({ type: MeterReadingResponse })
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateMeterReadingRequest,
  ): Promise<MeterReadingResponse> {
    return this.feeItems.recordReading(user, body);
  }

  @Roles(...FEE_READERS, 'technician')
  @ApiOperation({
    summary: "List a unit's meter readings (抄表记录)",
    description: 'Readings of one unit, newest first.',
  })
  @ApiErrors({ 404: ['UNIT_NOT_FOUND'] })
  @Get('units/:unitId')
  @ApiOkResponse({ type: MeterReadingResponse, isArray: true })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
  ): Promise<MeterReadingResponse[]> {
    return this.feeItems.readings(user, unitId);
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('billing-runs')
export class BillingRunsController {
  constructor(private readonly billingRuns: BillingRunService) {}

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Run billing for a month (生成账单)',
    description:
      "Creates the month's bills for every unit of the estate, at most once per estate and period; a period too far ahead is refused.",
  })
  @ApiErrors({
    400: ['INVALID_PERIOD'],
    403: ['ESTATE_FORBIDDEN'],
    404: ['ESTATE_NOT_FOUND'],
    422: ['BILLING_PERIOD_TOO_FAR_AHEAD'],
  })
  @Post()
  @ApiCreatedResponse({ type: BillingRunResponse })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: StartBillingRunRequest,
  ): Promise<BillingRunResponse> {
    return this.billingRuns.start(user, body);
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'List billing runs (账单批次)',
    description: "An estate's billing runs with their status and counts.",
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(BillingRunResponse) })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: BillingRunQuery,
  ): Promise<Page<BillingRunResponse>> {
    return this.billingRuns.list(user, query);
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('bills')
export class BillsController {
  constructor(private readonly bills: BillsService) {}

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'List bills (账单列表)',
    description: 'Bills by estate, unit, period and status; residents see their own unit only.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(BillResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: BillQuery): Promise<Page<BillResponse>> {
    return this.bills.list(user, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'Get a bill (账单详情)',
    description: 'One bill with its lines, payments and adjustments.',
  })
  @ApiErrors({ 404: ['BILL_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: BillResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BillResponse> {
    return this.bills.get(user, id);
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'Late fee of a bill as of a date (滞纳金)',
    description: "What the late fee would be on the date by the estate's rule; nothing is written.",
  })
  @ApiErrors({ 404: ['BILL_NOT_FOUND', 'ESTATE_NOT_FOUND'] })
  @Get(':id/late-fee')
  @ApiOkResponse({ type: LateFeeResponse })
  lateFee(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: LateFeeQuery,
  ): Promise<LateFeeResponse> {
    return this.bills.lateFee(user, id, query.asOf);
  }

  /** Waivers (减免) are approved by a manager (or an admin). */
  @Roles('admin', 'manager')
  @ApiOperation({
    summary: 'Waive or adjust a bill (减免/调整)',
    description:
      'A manager-approved waiver or adjustment with a reason; more than the outstanding amount is refused. `effectiveAt` follows the fact-time rules.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['BILL_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION'],
    422: ['ADJUSTMENT_EXCEEDS_OUTSTANDING', 'PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
  @Post(':id/adjustments')
  @ApiCreatedResponse({ type: AdjustmentResponse })
  adjust(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateAdjustmentRequest,
  ): Promise<AdjustmentResponse> {
    return this.bills.adjust(user, id, body);
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** 201 with a new payment; 200 with the earlier one when the Idempotency-Key was already used. */
  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Record a payment at the counter (收费/缴费)',
    description:
      'Pays one or more bills of a unit (integer fen). Needs an `Idempotency-Key` header: the same key returns the first payment (200) instead of paying twice.',
  })
  @ApiErrors({
    400: ['IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_KEY_REQUIRED', 'TIME_IN_FUTURE'],
    404: ['ESTATE_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'IDEMPOTENCY_KEY_REUSED'],
    422: ['BILL_NOT_FOUND', 'PERIOD_CLOSED', 'TIME_TOO_FAR_BACK', 'UNIT_NOT_FOUND'],
  })
  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8–100 characters; one key = one payment',
  })
  @ApiCreatedResponse({ type: PaymentResponse })
  @ApiOkResponse({ type: PaymentResponse, description: 'Replay of an earlier request with the same key' })
  async record(
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CreatePaymentRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PaymentResponse> {
    const { payment, replayed } = await this.payments.record(user, idempotencyKey, body);
    response.status(replayed ? 200 : 201);
    return payment;
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'List payments (缴费记录)',
    description: 'Payments by estate, unit and date; residents see their own unit only.',
  })
  @ApiErrors({ 400: ['ESTATE_REQUIRED'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get()
  @ApiOkResponse({ type: PageDto(PaymentResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PaymentQuery): Promise<Page<PaymentResponse>> {
    return this.payments.list(user, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'Get a payment (缴费详情)',
    description: 'One payment with its allocations to bills.',
  })
  @ApiErrors({ 404: ['PAYMENT_NOT_FOUND'] })
  @Get(':id')
  @ApiOkResponse({ type: PaymentResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<PaymentResponse> {
    return this.payments.get(user, id);
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Reverse a payment (冲正)',
    description:
      'Undoes a payment from `effectiveAt` (default now); a closed month is refused or, with `ifMonthClosed=first_open_month`, the reversal takes effect in the first open month.',
  })
  @ApiErrors({
    400: ['TIME_BEFORE_PREVIOUS_STEP', 'TIME_IN_FUTURE'],
    404: ['ESTATE_NOT_FOUND', 'PAYMENT_NOT_FOUND'],
    409: ['CONCURRENT_MODIFICATION', 'CREDIT_ALREADY_USED', 'TRANSITION_NOT_ALLOWED'],
    422: ['PERIOD_CLOSED', 'TIME_TOO_FAR_BACK'],
  })
  @Post(':id/reverse')
  @HttpCode(200)
  @ApiOkResponse({ type: PaymentResponse })
  reverse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReversePaymentRequest,
  ): Promise<PaymentResponse> {
    return this.payments.reverse(user, id, body);
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: 'Download a payment receipt (收据 PDF)',
    description:
      'The receipt of one payment (or of a reversal row) as a PDF: receipt number, estate and unit, payer, ' +
      'each bill paid, the total in figures and in Chinese capitals (大写金额), the balance still owed after ' +
      'this payment, method, cashier, time in the estate zone and a seal area. A5 landscape or an 80 mm ' +
      'thermal roll (`layout`). Every download is counted: the second and later are marked 副本 / COPY.',
  })
  @ApiErrors({ 404: ['PAYMENT_NOT_FOUND'] })
  @Get(':id/receipt.pdf')
  @ApiFileResponse('Printable receipt (A5 or 80 mm thermal PDF; reprints marked 副本 COPY)', PDF_CONTENT_TYPE)
  async receipt(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ReceiptQuery,
  ): Promise<StreamableFile> {
    const { pdf, filename } = await this.payments.receiptPdf(user, id, query.layout);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="${filename}"`,
      length: pdf.length,
    });
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller()
export class ArrearsController {
  constructor(private readonly arrears: ArrearsService) {}

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Arrears of an estate (欠费清单)',
    description: 'Units with unpaid bills as of a date, with amounts and age.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('arrears')
  @ApiOkResponse({ type: ArrearsResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ArrearsQuery): Promise<ArrearsResponse> {
    return this.arrears.arrears(user, query.estateId, query.asOf, query);
  }

  @Roles(...FEE_READERS)
  @ApiOperation({
    summary: 'Record a dunning contact (催缴记录)',
    description:
      'A call, visit or notice about unpaid fees of a unit; a contact time in the future is refused.',
  })
  @ApiErrors({ 422: ['CONTACTED_AT_IN_FUTURE', 'UNIT_NOT_FOUND'] })
  @Post('dunning-records')
  @ApiCreatedResponse({ type: DunningRecordResponse })
  recordDunning(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateDunningRecordRequest,
  ): Promise<DunningRecordResponse> {
    return this.arrears.recordDunning(user, body);
  }

  @Roles(...FEE_READERS)
  @ApiOperation({
    summary: 'List dunning contacts (催缴记录列表)',
    description: 'Dunning records by estate and unit.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('dunning-records')
  @ApiOkResponse({ type: PageDto(DunningRecordResponse) })
  listDunning(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: DunningQuery,
  ): Promise<Page<DunningRecordResponse>> {
    return this.arrears.listDunning(user, query);
  }
}

@ApiTags('fees')
@ApiBearerAuth()
@Controller('fees')
export class FeesController {
  constructor(
    private readonly collection: CollectionService,
    private readonly bills: BillsService,
    private readonly exports: ExportsService,
  ) {}

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Fee collection figures of a month (收缴率)',
    description: 'Billed, waived and paid as of period end and the collection rate (KPI #4).',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('collection')
  @ApiOkResponse({ type: CollectionResponse })
  figures(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: CollectionQuery,
  ): Promise<CollectionResponse> {
    return this.collection.collection(user, query.estateId, query.period);
  }

  /** KPI #4 drill-down: management-fee bills of Jan..period unpaid at period end. */
  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Unpaid management-fee bills (未缴物业费明细)',
    description:
      'KPI #4 drill-down: management-fee bills of January to the period still unpaid at period end.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('unpaid-management-fee-bills')
  @ApiOkResponse({ type: PageDto(UnpaidBillResponse) })
  unpaid(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UnpaidBillsQuery,
  ): Promise<Page<UnpaidBill>> {
    return this.collection.unpaidForUser(user, query.estateId, query.period, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @ApiOperation({
    summary: "A unit's balance (房屋欠费余额)",
    description: 'Outstanding amount and credit of one unit; residents may read their own unit.',
  })
  @ApiErrors({ 404: ['UNIT_NOT_FOUND'] })
  @Get('units/:unitId/balance')
  @ApiOkResponse({ type: UnitBalanceResponse })
  balance(
    @CurrentUser() user: AuthenticatedUser,
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
  ): Promise<UnitBalanceResponse> {
    return this.bills.unitBalance(user, unitId);
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Export bills as .xlsx (导出账单)',
    description: 'Bills of an estate and period, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('exports/bills.xlsx')
  @ApiFileResponse('Bills as a streamed .xlsx workbook (yuan number formats, totals row)', XLSX_CONTENT_TYPE)
  async exportBills(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportBillsQuery,
    @Res() response: Response,
  ): Promise<void> {
    await stream(response, await this.exports.bills(user, query.estateId, query.period, query.locale));
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Export payments as .xlsx (导出缴费记录)',
    description: 'Payments of an estate in a date range, streamed as a workbook.',
  })
  @ApiErrors({ 400: ['DATE_RANGE_INVALID'], 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('exports/payments.xlsx')
  @ApiFileResponse(
    'Payments as a streamed .xlsx workbook (yuan number formats, totals row)',
    XLSX_CONTENT_TYPE,
  )
  async exportPayments(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportPaymentsQuery,
    @Res() response: Response,
  ): Promise<void> {
    await stream(
      response,
      await this.exports.payments(user, query.estateId, query.from, query.to, query.locale),
    );
  }

  @Roles(...FINANCE)
  @ApiOperation({
    summary: 'Export arrears as .xlsx (导出欠费)',
    description: 'The arrears list, streamed as a workbook.',
  })
  @ApiErrors({ 403: ['ESTATE_FORBIDDEN'], 404: ['ESTATE_NOT_FOUND'] })
  @Get('exports/arrears.xlsx')
  @ApiFileResponse(
    'Arrears as a streamed .xlsx workbook (yuan number formats, totals row)',
    XLSX_CONTENT_TYPE,
  )
  async exportArrears(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ExportArrearsQuery,
    @Res() response: Response,
  ): Promise<void> {
    await stream(response, await this.exports.arrearsExport(user, query.estateId, query.asOf, query.locale));
  }
}

async function stream(response: Response, file: XlsxExport): Promise<void> {
  response.setHeader('Content-Type', XLSX_CONTENT_TYPE);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  );
  await file.write(response);
}
