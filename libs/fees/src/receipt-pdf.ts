import { chineseFontPath, formatLocalDateTime, formatYuan } from '@estate/shared';
import PDFDocument from 'pdfkit';

export interface ReceiptData {
  estateName: string;
  timeZone: string;
  receiptCode: string;
  unitLabel: string;
  payerName: string | null;
  amountFen: number;
  creditFen: number;
  method: string;
  paidAt: Date;
  reference: string | null;
  recordedByName: string | null;
  status: string;
  lines: { itemName: string; period: string; amountFen: number }[];
}

const METHOD_LABELS: Record<string, string> = {
  cash: '现金 Cash',
  bank_transfer: '银行转账 Bank transfer',
  wechat: '微信 WeChat Pay',
  alipay: '支付宝 Alipay',
  card: '银行卡 Card',
  other: '其他 Other',
};

/** Renders a printable receipt (收款收据) to a Buffer. */
export function renderReceiptPdf(data: ReceiptData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocument({
      size: 'A5',
      layout: 'landscape',
      margin: 36,
      info: { Title: data.receiptCode },
    });
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
    document.registerFont('sc', chineseFontPath());
    document.font('sc');
    document.fontSize(18).text(`${data.estateName} 收款收据 Receipt`, { align: 'center' });
    document.moveDown(0.5).fontSize(11);
    const row = (label: string, value: string) => document.text(`${label}: ${value}`);
    row('收据编号 Receipt No.', data.receiptCode);
    if (data.status === 'reversed') row('状态 Status', '已冲正 REVERSED');
    if (data.status === 'reversal') row('状态 Status', '冲正 Reversal entry');
    row('房号 Unit', data.unitLabel);
    row('缴款人 Payer', data.payerName ?? '-');
    row('金额 Amount', formatYuan(data.amountFen));
    row('收款方式 Method', METHOD_LABELS[data.method] ?? data.method);
    row('收款时间 Paid at', formatLocalDateTime(data.paidAt, data.timeZone));
    if (data.reference) row('交易流水号 Reference', data.reference);
    document.moveDown(0.5).text('明细 Details:');
    for (const line of data.lines)
      document.text(`  ${line.itemName}  ${line.period}  ${formatYuan(line.amountFen)}`);
    if (data.creditFen > 0) document.text(`  预存 Credit  ${formatYuan(data.creditFen)}`);
    document.moveDown(0.5).text(`收款人 Cashier: ${data.recordedByName ?? '-'}`);
    document.end();
  });
}
