import ExcelJS from 'exceljs';
import { BadRequestError, unguardFormula, UnprocessableError } from '@estate/shared';
import { assertWorkbookWithinLimits, IMPORT_MAX_ROWS, tooManyRows } from './upload-limits';

/** A sheet as header-keyed rows, with the 1-based row number a person sees in Excel. */
export interface TabularSheet {
  name: string;
  rows: { rowNumber: number; values: Record<string, string> }[];
}

function cellText(value: ExcelJS.CellValue): string {
  return unguardFormula(rawCellText(value));
}

function rawCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return rawCellText(value.result as ExcelJS.CellValue);
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
  }
  return String(value).trim();
}

/**
 * Reads every sheet of an .xlsx workbook; the first row of each is the header. The file is checked
 * against the upload limits first (upload-limits.ts: 413 IMPORT_TOO_LARGE, 422 IMPORT_TOO_MANY_ROWS),
 * and a workbook without a single data row is 422 IMPORT_EMPTY.
 */
export async function readWorkbook(buffer: Buffer): Promise<TabularSheet[]> {
  assertWorkbookWithinLimits(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new BadRequestError('FILE_UNREADABLE', 'The file is not a readable .xlsx workbook');
  }
  const sheets = workbook.worksheets.map((worksheet) => {
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
  assertHasRows(sheets);
  return sheets;
}

/** 422 IMPORT_EMPTY for a file with headers at most: importing nothing is never what was meant. */
export function assertHasRows(sheets: TabularSheet[]): void {
  if (!sheets.some((sheet) => sheet.rows.length))
    throw new UnprocessableError(
      'IMPORT_EMPTY',
      'The file has no data rows: the first row is the header, the records follow it',
    );
}

/**
 * An uploaded CSV: UTF-8 text (Excel's "CSV UTF-8"), not a binary file renamed — NUL bytes, a zip
 * (an .xlsx renamed .csv) or bytes that are not UTF-8 → 400 FILE_UNREADABLE; no data rows → 422
 * IMPORT_EMPTY; more than IMPORT_MAX_ROWS → 422 IMPORT_TOO_MANY_ROWS.
 */
export function readCsvFile(buffer: Buffer, name: string): TabularSheet {
  if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw new BadRequestError(
      'FILE_UNREADABLE',
      'The file is a workbook (.xlsx), not a CSV: upload it with the .xlsx extension',
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = '\0';
  }
  if (text.includes('\0'))
    throw new BadRequestError(
      'FILE_UNREADABLE',
      'The file is not a text CSV in UTF-8: in Excel choose Save As → "CSV UTF-8 (comma delimited)"',
    );
  const sheet = readCsv(text, name);
  assertHasRows([sheet]);
  return sheet;
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
  if (body.length > IMPORT_MAX_ROWS) throw tooManyRows(body.length);
  const headers = header.map((cell) => cell.trim());
  const rows = body
    .map((cells, index) => ({
      rowNumber: index + 2,
      values: Object.fromEntries(
        headers.map((key, column) => [key, unguardFormula((cells[column] ?? '').trim())]),
      ),
    }))
    .filter((row) => Object.values(row.values).some((value) => value !== ''));
  return { name, rows };
}
