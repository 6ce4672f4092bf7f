import { registerChineseFonts } from '@estate/shared';
import PDFDocument from 'pdfkit';

export const COLOURS = {
  text: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  headerFill: '#243b53',
  headerText: '#ffffff',
  zebra: '#f5f7fa',
  pass: '#1e7b34',
  passFill: '#d7f2dd',
  fail: '#b42318',
  failFill: '#fde2df',
  noData: '#52606d',
  noDataFill: '#e4e7eb',
  accent: '#2f6fae',
};

export type CellTone = 'pass' | 'fail' | 'no_data';

/** One table cell: a main line, an optional smaller second line, and an optional status tone. */
export interface Cell {
  text: string;
  sub?: string;
  tone?: CellTone;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const PAGE_MARGINS = { top: 62, bottom: 58, left: 42, right: 42 };
const CELL_PADDING = 4;

/**
 * A thin layer over pdfkit for the report: A4, Noto Sans SC everywhere, buffered pages (for
 * "page X of Y"), fixed metadata dates so the same input gives the same bytes.
 */
export class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(info: { title: string; subject: string; author: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: PAGE_MARGINS,
      bufferPages: true,
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: info.author,
        Creator: 'Estate Ops',
        Producer: 'Estate Ops',
        CreationDate: info.createdAt,
        ModDate: info.createdAt,
      },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    // Parsed once per process and shared with the receipts (libs/shared/src/export/fonts.ts).
    registerChineseFonts(this.doc);
    this.doc.font('regular').fontSize(9).fillColor(COLOURS.text);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensureSpace(60);
    this.doc.moveDown(0.6);
    const y = this.doc.y;
    this.doc.rect(this.left, y, 4, 16).fill(COLOURS.accent);
    this.doc
      .font('bold')
      .fontSize(13)
      .fillColor(COLOURS.text)
      .text(text, this.left + 10, y, { width: this.width });
    this.doc.moveDown(0.4);
    this.doc.font('regular').fontSize(9);
  }

  subheading(text: string): void {
    this.ensureSpace(40);
    this.doc.moveDown(0.4);
    this.doc
      .font('bold')
      .fontSize(10)
      .fillColor(COLOURS.text)
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
    this.doc.font('regular').fontSize(9);
  }

  paragraph(text: string, colour = COLOURS.text): void {
    this.ensureSpace(16);
    this.doc
      .font('regular')
      .fontSize(9)
      .fillColor(colour)
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.fillColor(COLOURS.text);
  }

  /** Label/value pairs in two columns per row. */
  figures(pairs: [string, string][]): void {
    const columnWidth = this.width / 2;
    for (let index = 0; index < pairs.length; index += 2) {
      this.ensureSpace(16);
      const y = this.doc.y;
      let height = 0;
      for (let offset = 0; offset < 2 && index + offset < pairs.length; offset++) {
        const [label, value] = pairs[index + offset];
        const x = this.left + offset * columnWidth;
        this.doc.font('regular').fontSize(9).fillColor(COLOURS.muted);
        this.doc.text(label, x, y, { width: columnWidth * 0.55 - 6 });
        const labelHeight = this.doc.heightOfString(label, { width: columnWidth * 0.55 - 6 });
        this.doc.font('bold').fillColor(COLOURS.text);
        this.doc.text(value, x + columnWidth * 0.55, y, { width: columnWidth * 0.45 - 6 });
        const valueHeight = this.doc.heightOfString(value, { width: columnWidth * 0.45 - 6 });
        height = Math.max(height, labelHeight, valueHeight);
      }
      this.doc.font('regular');
      this.doc.y = y + height + 3;
    }
    this.doc.x = this.left;
  }

  /** A table with a repeated header row on each page, zebra rows and coloured status cells. */
  table(columns: Column[], rows: Cell[][]): void {
    const drawHeader = () => {
      const y = this.doc.y;
      const height =
        Math.max(
          ...columns.map((column) =>
            this.doc
              .font('bold')
              .fontSize(8.5)
              .heightOfString(column.header, { width: column.width - 2 * CELL_PADDING }),
          ),
        ) +
        2 * CELL_PADDING;
      this.doc.rect(this.left, y, this.width, height).fill(COLOURS.headerFill);
      let x = this.left;
      for (const column of columns) {
        this.doc.fillColor(COLOURS.headerText).text(column.header, x + CELL_PADDING, y + CELL_PADDING, {
          width: column.width - 2 * CELL_PADDING,
          align: column.align ?? 'left',
        });
        x += column.width;
      }
      this.doc.y = y + height;
    };
    this.ensureSpace(50);
    drawHeader();
    rows.forEach((row, rowIndex) => {
      const height = this.rowHeight(columns, row);
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        drawHeader();
      }
      const y = this.doc.y;
      if (rowIndex % 2 === 1) this.doc.rect(this.left, y, this.width, height).fill(COLOURS.zebra);
      let x = this.left;
      row.forEach((cell, index) => {
        const column = columns[index];
        const width = column.width - 2 * CELL_PADDING;
        if (cell.tone) {
          const fill =
            cell.tone === 'pass'
              ? COLOURS.passFill
              : cell.tone === 'fail'
                ? COLOURS.failFill
                : COLOURS.noDataFill;
          this.doc.rect(x + 1, y + 1, column.width - 2, height - 2).fill(fill);
        }
        const colour =
          cell.tone === 'pass'
            ? COLOURS.pass
            : cell.tone === 'fail'
              ? COLOURS.fail
              : cell.tone === 'no_data'
                ? COLOURS.noData
                : COLOURS.text;
        this.doc
          .font(cell.tone ? 'bold' : 'regular')
          .fontSize(8.5)
          .fillColor(colour)
          .text(cell.text, x + CELL_PADDING, y + CELL_PADDING, { width, align: column.align ?? 'left' });
        if (cell.sub)
          this.doc
            .font('regular')
            .fontSize(7)
            .fillColor(COLOURS.muted)
            .text(cell.sub, x + CELL_PADDING, this.doc.y, { width, align: column.align ?? 'left' });
        x += column.width;
      });
      this.doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(0.4)
        .stroke(COLOURS.rule);
      this.doc.y = y + height;
    });
    this.doc.font('regular').fontSize(9).fillColor(COLOURS.text);
    this.doc.x = this.left;
    this.doc.moveDown(0.3);
  }

  private rowHeight(columns: Column[], row: Cell[]): number {
    let height = 0;
    row.forEach((cell, index) => {
      const width = columns[index].width - 2 * CELL_PADDING;
      let cellHeight = this.doc
        .font(cell.tone ? 'bold' : 'regular')
        .fontSize(8.5)
        .heightOfString(cell.text || ' ', { width });
      if (cell.sub) cellHeight += this.doc.font('regular').fontSize(7).heightOfString(cell.sub, { width });
      height = Math.max(height, cellHeight);
    });
    return height + 2 * CELL_PADDING;
  }

  /** Writes header and footer on every buffered page, then ends the document. */
  async finish(
    header: (page: number) => [string, string],
    footer: (page: number, pages: number) => [string, string],
  ): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const page = index - range.start + 1;
      const margins = this.doc.page.margins;
      const saved = margins.bottom;
      margins.bottom = 0; // writing in the margin must not start a new page
      const width = this.doc.page.width - margins.left - margins.right;
      const [headLeft, headRight] = header(page);
      this.doc.font('regular').fontSize(8).fillColor(COLOURS.muted);
      if (headLeft || headRight) {
        this.doc.text(headLeft, margins.left, 30, { width: width * 0.7, lineBreak: false });
        this.doc.text(headRight, margins.left + width * 0.7, 30, {
          width: width * 0.3,
          align: 'right',
          lineBreak: false,
        });
        this.doc
          .moveTo(margins.left, 44)
          .lineTo(margins.left + width, 44)
          .lineWidth(0.5)
          .stroke(COLOURS.rule);
      }
      const footerY = this.doc.page.height - 40;
      this.doc
        .moveTo(margins.left, footerY - 6)
        .lineTo(margins.left + width, footerY - 6)
        .lineWidth(0.5)
        .stroke(COLOURS.rule);
      const [footLeft, footRight] = footer(page, range.count);
      this.doc.text(footLeft, margins.left, footerY, { width: width * 0.7, lineBreak: false });
      this.doc.text(footRight, margins.left + width * 0.7, footerY, {
        width: width * 0.3,
        align: 'right',
        lineBreak: false,
      });
      margins.bottom = saved;
    }
    this.doc.end();
    return this.done;
  }
}
