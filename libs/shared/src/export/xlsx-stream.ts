import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { DateTime } from 'luxon';

import { XLSX_CONTENT_TYPE } from '../http/api-file-response';
const BATCH_SIZE = 500;

export interface ExportColumn<T> {
  /** Chinese / English header. */
  header: string;
  width?: number;
  /** Excel number format, e.g. `#,##0.00` for yuan, `yyyy-mm-dd hh:mm` for times. */
  numFmt?: string;
  value: (row: T) => string | number | boolean | Date | null;
}

export const YUAN_FORMAT = '#,##0.00';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';

/** An instant as the wall-clock time of the estate's zone (Excel cells have no zone). */
export function localWallClock(instant: Date | null, timeZone: string): Date | null {
  if (!instant) return null;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** Fen → yuan, only here at the edge. */
export const fenToYuan = (fen: number | null) => (fen === null ? null : fen / 100);

/**
 * Streams one sheet to the HTTP response: frozen header row, rows read in batches and committed one
 * by one, so memory stays flat however long the log is.
 */
export async function streamXlsx<T>(
  response: Response,
  filename: string,
  sheetName: string,
  columns: ExportColumn<T>[],
  fetchBatch: (offset: number, limit: number) => Promise<T[]>,
): Promise<void> {
  response.setHeader('Content-Type', XLSX_CONTENT_TYPE);
  response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: response, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: column.header,
    key: `c${index}`,
    width: column.width ?? 18,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (let offset = 0; ; offset += BATCH_SIZE) {
    const batch = await fetchBatch(offset, BATCH_SIZE);
    for (const row of batch) sheet.addRow(columns.map((column) => column.value(row))).commit();
    if (batch.length < BATCH_SIZE) break;
  }
  sheet.commit();
  await workbook.commit();
}
