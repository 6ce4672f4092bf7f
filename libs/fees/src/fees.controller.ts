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
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@estate/auth';
import { ApiFileResponse, Page, PageDto, PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '@estate/shared';
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
  @Post()
  @ApiCreatedResponse({ type: FeeItemResponse })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateFeeItemRequest,
  ): Promise<FeeItemResponse> {
    return this.feeItems.create(user, body);
  }

  @Roles(...FEE_READERS)
  @Get()
  @ApiOkResponse({ type: PageDto(FeeItemResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: FeeItemQuery): Promise<Page<FeeItemResponse>> {
    return this.feeItems.list(user, query);
  }

  @Roles(...FINANCE)
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
  @Post()
  @ApiCreatedResponse({ type: MeterReadingResponse })
  record(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateMeterReadingRequest,
  ): Promise<MeterReadingResponse> {
    return this.feeItems.recordReading(user, body);
  }

  @Roles(...FEE_READERS, 'technician')
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
  @Post()
  @ApiCreatedResponse({ type: BillingRunResponse })
  start(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: StartBillingRunRequest,
  ): Promise<BillingRunResponse> {
    return this.billingRuns.start(user, body);
  }

  @Roles(...FINANCE)
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
  @Get()
  @ApiOkResponse({ type: PageDto(BillResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: BillQuery): Promise<Page<BillResponse>> {
    return this.bills.list(user, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @Get(':id')
  @ApiOkResponse({ type: BillResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<BillResponse> {
    return this.bills.get(user, id);
  }

  @Roles(...FEE_READERS, 'resident')
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
  @Get()
  @ApiOkResponse({ type: PageDto(PaymentResponse) })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PaymentQuery): Promise<Page<PaymentResponse>> {
    return this.payments.list(user, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @Get(':id')
  @ApiOkResponse({ type: PaymentResponse })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<PaymentResponse> {
    return this.payments.get(user, id);
  }

  @Roles(...FINANCE)
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
  @Get(':id/receipt.pdf')
  @ApiFileResponse(
    'Printable receipt (A4 PDF with the receipt code and the amount in yuan)',
    PDF_CONTENT_TYPE,
  )
  async receipt(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<StreamableFile> {
    const { pdf, filename } = await this.payments.receiptPdf(user, id);
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
  @Get('arrears')
  @ApiOkResponse({ type: ArrearsResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ArrearsQuery): Promise<ArrearsResponse> {
    return this.arrears.arrears(user, query.estateId, query.asOf, query);
  }

  @Roles(...FEE_READERS)
  @Post('dunning-records')
  @ApiCreatedResponse({ type: DunningRecordResponse })
  recordDunning(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateDunningRecordRequest,
  ): Promise<DunningRecordResponse> {
    return this.arrears.recordDunning(user, body);
  }

  @Roles(...FEE_READERS)
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
  @Get('unpaid-management-fee-bills')
  @ApiOkResponse({ type: PageDto(UnpaidBillResponse) })
  unpaid(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: UnpaidBillsQuery,
  ): Promise<Page<UnpaidBill>> {
    return this.collection.unpaidForUser(user, query.estateId, query.period, query);
  }

  @Roles(...FEE_READERS, 'resident')
  @Get('units/:unitId/balance')
  @ApiOkResponse({ type: UnitBalanceResponse })
  balance(
    @CurrentUser() user: AuthenticatedUser,
    @Param('unitId', new ParseUUIDPipe()) unitId: string,
  ): Promise<UnitBalanceResponse> {
    return this.bills.unitBalance(user, unitId);
  }

  @Roles(...FINANCE)
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
