import ExcelJS from 'exceljs';
import { BadRequestError } from '@estate/shared';

/** A sheet as header-keyed rows, with the 1-based row number a person sees in Excel. */
export interface TabularSheet {
  name: string;
  rows: { rowNumber: number; values: Record<string, string> }[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
  }
  return String(value).trim();
}

/** Reads every sheet of an .xlsx workbook; the first row of each is the header. */
export async function readWorkbook(buffer: Buffer): Promise<TabularSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new BadRequestError('FILE_UNREADABLE', 'The file is not a readable .xlsx workbook');
  }
  return workbook.worksheets.map((worksheet) => {
    const headers: string[] = [];
    worksheet
      .getRow(1)
      .eachCell({ includeEmpty: true }, (cell, column) => (headers[column] = cellText(cell.value)));
    const rows: TabularSheet['rows'] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: Record<string, string> = {};
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        if (headers[column]) values[headers[column]] = cellText(cell.value);
      });
      if (Object.values(values).some((value) => value !== '')) rows.push({ rowNumber, values });
    });
    return { name: worksheet.name, rows };
  });
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM). */
export function readCsv(text: string, name: string): TabularSheet {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < source.length; index++) {
    const character = source[index];
    if (quoted) {
      if (character === '"' && source[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += character;
  }
  if (quoted) throw new BadRequestError('FILE_UNREADABLE', 'The CSV file has an unclosed quote');
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...body] = records;
  const headers = header.map((cell) => cell.trim());
  const rows = body
    .map((cells, index) => ({
      rowNumber: index + 2,
      values: Object.fromEntries(headers.map((key, column) => [key, (cells[column] ?? '').trim()])),
    }))
    .filter((row) => Object.values(row.values).some((value) => value !== ''));
  return { name, rows };
}
