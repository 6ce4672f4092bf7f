import { labelOf } from '@estate/labels';
import { formatLocalDateTime, formatYuan, registerChineseFonts, toChineseCapitals } from '@estate/shared';
import PDFDocument from 'pdfkit';

export const RECEIPT_LAYOUTS = ['a5', 'thermal'] as const;
export type ReceiptLayout = (typeof RECEIPT_LAYOUTS)[number];

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
  /** The receipt this reversal row reverses (red receipt), or null. */
  reversesReceiptCode: string | null;
  lines: { itemName: string; period: string; amountFen: number }[];
  /** What the unit still owed right after this payment; `balanceIsCurrent` when only today's is known. */
  balanceOwedFen: number;
  balanceIsCurrent: boolean;
  /** 1 for the first download; 2 and later print 副本 / COPY. */
  printNumber: number;
  printedAt: Date;
}

/** 80 mm roll: 226.77 pt wide, 4 mm margins; the page is as long as the receipt. */
const THERMAL_WIDTH = (80 / 25.4) * 72;
const MM = 72 / 25.4;

/**
 * Renders a receipt (收款收据) a Chinese property office hands over: number, estate and unit, payer,
 * each bill paid (item, period, amount), the total in figures and in capitals (大写), the balance still
 * owed after this payment, method, cashier, time in the estate's zone and a seal area. A5 landscape
 * (default) or an 80 mm thermal roll; a reprint is marked 副本 / COPY. Fonts are the process-wide
 * parsed Noto Sans SC (shared with the monthly report).
 */
export function renderReceiptPdf(data: ReceiptData, layout: ReceiptLayout = 'a5'): Promise<Buffer> {
  return layout === 'thermal' ? renderThermal(data) : renderA5(data);
}

function collect(document: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
}

function statusNote(data: ReceiptData): string | null {
  if (data.status === 'reversed') return '已冲正 REVERSED';
  if (data.status === 'reversal')
    return `冲正（红字）收据 Reversal of ${data.reversesReceiptCode ?? 'a payment'}`;
  return null;
}

function methodLabel(method: string): string {
  const zh = labelOf('paymentMethod', method, 'zh-CN');
  const en = labelOf('paymentMethod', method, 'en');
  return zh === en ? zh : `${zh} ${en}`;
}

function balanceLabel(data: ReceiptData): string {
  return data.balanceIsCurrent ? '当前尚欠 Balance owed now' : '本次缴费后尚欠 Still owed after this payment';
}

function copyLabel(data: ReceiptData): string {
  return `副本 COPY · 第 ${data.printNumber} 次打印 print ${data.printNumber}`;
}

function renderA5(data: ReceiptData): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A5',
    layout: 'landscape',
    margin: 28,
    info: { Title: `${data.receiptCode}${data.printNumber > 1 ? ' 副本 COPY' : ''}` },
  });
  const done = collect(document);
  registerChineseFonts(document);
  const left = document.page.margins.left;
  const width = document.page.width - left - document.page.margins.right;
  const right = left + width;

  document.font('bold').fontSize(15).fillColor('#1f2933');
  document.text(`${data.estateName} 收款收据`, left, 28, { width, align: 'center' });
  document.font('regular').fontSize(8).fillColor('#616e7c');
  document.text('Property fee receipt', left, document.y, { width, align: 'center' });
  document.fontSize(9).fillColor('#1f2933');
  document.text(`No. ${data.receiptCode}`, left, 30, { width, align: 'right' });
  if (data.printNumber > 1) {
    document.font('bold').fontSize(11).fillColor('#c81e1e');
    document.text(copyLabel(data), left, 44, { width, align: 'right' });
  }
  const note = statusNote(data);
  if (note) {
    document.font('bold').fontSize(10).fillColor('#c81e1e');
    document.text(note, left, 44, { width, align: 'left' });
  }

  // Who and how: two columns.
  let y = 70;
  const half = width / 2;
  const pair = (label: string, value: string, column: 0 | 1) => {
    const x = left + column * half;
    document
      .font('regular')
      .fontSize(7.5)
      .fillColor('#616e7c')
      .text(label, x, y, { width: half - 8 });
    document
      .font('regular')
      .fontSize(10)
      .fillColor('#1f2933')
      .text(value, x, y + 9, { width: half - 8 });
  };
  pair('房号 Unit', `${data.estateName} ${data.unitLabel}`, 0);
  pair('缴款人 Payer', data.payerName ?? '—', 1);
  y += 26;
  pair('收款时间 Paid at', `${formatLocalDateTime(data.paidAt, data.timeZone)} (${data.timeZone})`, 0);
  pair('收款方式 Method', methodLabel(data.method), 1);
  y += 26;
  if (data.reference) {
    pair('交易流水号 Reference', data.reference, 0);
    y += 26;
  }

  // The bills paid.
  y += 4;
  const columns = [
    { title: '收费项目 Item', x: left, width: width * 0.5, align: 'left' as const },
    { title: '所属期间 Period', x: left + width * 0.5, width: width * 0.22, align: 'left' as const },
    { title: '金额 Amount', x: left + width * 0.72, width: width * 0.28, align: 'right' as const },
  ];
  document.rect(left, y, width, 16).fill('#243b53');
  document.font('bold').fontSize(8.5).fillColor('#ffffff');
  for (const column of columns)
    document.text(column.title, column.x + 4, y + 4, { width: column.width - 8, align: column.align });
  y += 16;
  const rows = [
    ...data.lines.map((line) => [line.itemName, line.period, formatYuan(line.amountFen)]),
    ...(data.creditFen !== 0 ? [['预存 Credit (prepaid)', '', formatYuan(data.creditFen)]] : []),
  ];
  if (!rows.length) rows.push(['—', '', '']);
  document.font('regular').fontSize(9).fillColor('#1f2933');
  rows.forEach((row, index) => {
    if (index % 2 === 1) document.rect(left, y, width, 15).fill('#f5f7fa').fillColor('#1f2933');
    row.forEach((cell, column) =>
      document.text(cell, columns[column].x + 4, y + 3.5, {
        width: columns[column].width - 8,
        align: columns[column].align,
        lineBreak: false,
        ellipsis: true,
      }),
    );
    y += 15;
  });
  document.moveTo(left, y).lineTo(right, y).lineWidth(0.8).strokeColor('#1f2933').stroke();

  // Total in figures and in capitals, and the balance owed.
  y += 6;
  document.font('bold').fontSize(10.5).fillColor('#1f2933');
  document.text('合计 Total', left + 4, y, { width: width * 0.4 });
  document.text(formatYuan(data.amountFen), left, y, { width: width - 4, align: 'right' });
  y += 16;
  document
    .font('regular')
    .fontSize(8)
    .fillColor('#616e7c')
    .text('金额大写 In words', left + 4, y + 1.5);
  document
    .font('bold')
    .fontSize(11)
    .fillColor('#1f2933')
    .text(`人民币 ${toChineseCapitals(data.amountFen)}`, left + 90, y, { width: width - 94 });
  y += 18;
  document
    .font('regular')
    .fontSize(8)
    .fillColor('#616e7c')
    .text(balanceLabel(data), left + 4, y + 1.5);
  document
    .font('bold')
    .fontSize(10)
    .fillColor(data.balanceOwedFen > 0 ? '#c81e1e' : '#1e7b34')
    .text(formatYuan(data.balanceOwedFen), left, y, { width: width - 4, align: 'right' });

  // Cashier and the seal area at the foot.
  const footY = document.page.height - document.page.margins.bottom - 62;
  document.font('regular').fontSize(9).fillColor('#1f2933');
  document.text(`收款人 Cashier: ${data.recordedByName ?? '—'}`, left, footY + 8);
  document.text(`缴款人签字 Payer's signature: ____________`, left, footY + 26);
  document
    .fontSize(7)
    .fillColor('#616e7c')
    .text(`打印 Printed ${formatLocalDateTime(data.printedAt, data.timeZone)}`, left, footY + 46);
  const sealSize = 72;
  const sealX = right - sealSize - 20;
  document
    .circle(sealX + sealSize / 2, footY + sealSize / 2, sealSize / 2)
    .dash(3, { space: 2 })
    .lineWidth(0.8)
    .strokeColor('#9aa5b1')
    .stroke()
    .undash();
  document
    .fontSize(7.5)
    .fillColor('#9aa5b1')
    .text('收款单位（盖章）\nSeal', sealX - 15, footY + sealSize / 2 - 9, {
      width: sealSize + 30,
      align: 'center',
    });
  document.end();
  return done;
}

function renderThermal(data: ReceiptData): Promise<Buffer> {
  const margin = 4 * MM;
  const lineCount = data.lines.length + (data.creditFen !== 0 ? 1 : 0);
  const height = 350 + lineCount * 24 + (data.reference ? 24 : 0) + (data.printNumber > 1 ? 18 : 0);
  const document = new PDFDocument({
    size: [THERMAL_WIDTH, height],
    margin,
    info: { Title: `${data.receiptCode}${data.printNumber > 1 ? ' 副本 COPY' : ''}` },
  });
  const done = collect(document);
  registerChineseFonts(document);
  const width = THERMAL_WIDTH - 2 * margin;
  const rule = () => {
    const y = document.y + 3;
    document
      .moveTo(margin, y)
      .lineTo(margin + width, y)
      .dash(2, { space: 2 })
      .lineWidth(0.5)
      .strokeColor('#000000')
      .stroke()
      .undash();
    document.y = y + 5;
  };
  const line = (label: string, value: string) => {
    const y = document.y;
    document.font('regular').fontSize(8).fillColor('#000000').text(label, margin, y, { width });
    document.text(value, margin, y, { width, align: 'right' });
    document.moveDown(0.25);
  };

  document.font('bold').fontSize(11).fillColor('#000000');
  document.text(data.estateName, margin, margin, { width, align: 'center' });
  document.text('收款收据 RECEIPT', { width, align: 'center' });
  if (data.printNumber > 1)
    document.fontSize(10).text(`** ${copyLabel(data)} **`, { width, align: 'center' });
  const note = statusNote(data);
  if (note) document.fontSize(9).text(note, { width, align: 'center' });
  document.font('regular').fontSize(8).text(`No. ${data.receiptCode}`, { width, align: 'center' });
  rule();
  line('房号 Unit', data.unitLabel);
  line('缴款人 Payer', data.payerName ?? '—');
  line('时间 Time', formatLocalDateTime(data.paidAt, data.timeZone));
  line('方式 Method', methodLabel(data.method));
  if (data.reference) line('流水号 Ref.', data.reference);
  rule();
  for (const item of data.lines) {
    document
      .font('regular')
      .fontSize(8)
      .text(`${item.itemName} ${item.period}`, margin, document.y, { width });
    document.text(formatYuan(item.amountFen), { width, align: 'right' });
  }
  if (data.creditFen !== 0) line('预存 Credit', formatYuan(data.creditFen));
  rule();
  const totalY = document.y;
  document.font('bold').fontSize(10).text('合计 Total', margin, totalY, { width });
  document.text(formatYuan(data.amountFen), margin, totalY, { width, align: 'right' });
  document
    .font('regular')
    .fontSize(7.5)
    .text('大写 In words', margin, document.y + 2, { width });
  document
    .font('bold')
    .fontSize(9)
    .text(`人民币${toChineseCapitals(data.amountFen)}`, { width });
  document.moveDown(0.3);
  line(data.balanceIsCurrent ? '当前尚欠 Owed now' : '缴后尚欠 Still owed', formatYuan(data.balanceOwedFen));
  line('收款人 Cashier', data.recordedByName ?? '—');
  rule();
  const sealY = document.y + 4;
  document
    .rect(margin + width / 2 - 40, sealY, 80, 56)
    .dash(2, { space: 2 })
    .lineWidth(0.5)
    .stroke()
    .undash();
  document
    .fontSize(7)
    .text('收款单位（盖章）\nSeal', margin + width / 2 - 40, sealY + 20, { width: 80, align: 'center' });
  document.y = sealY + 62;
  document
    .fontSize(6.5)
    .text(`打印 Printed ${formatLocalDateTime(data.printedAt, data.timeZone)}`, margin, document.y, {
      width,
      align: 'center',
    });
  document.end();
  return done;
}
