import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { Writable } from 'node:stream';
import { DateTime } from 'luxon';

import { XLSX_CONTENT_TYPE } from '../http/api-file-response';
import { safeRow } from './formula-guard';
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
 * Resolves when the stream has drained its buffer (or at once if it is not full), or when it is
 * closed — a client that disconnects must not leave the export waiting for ever.
 */
export function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Streams one sheet to the HTTP response: frozen header row, rows read in batches and committed one
 * by one, so memory stays flat however long the log is. The next batch is read only once the
 * client has taken the previous one (a slow reader holds at most about one batch in memory), and
 * reading stops when the client disconnects.
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
    await drained(response);
    if (response.destroyed) return;
    const batch = await fetchBatch(offset, BATCH_SIZE);
    for (const row of batch) sheet.addRow(safeRow(columns.map((column) => column.value(row)))).commit();
    if (batch.length < BATCH_SIZE) break;
  }
  sheet.commit();
  // A client gone during the final write must not leave the export waiting for a 'finish' that
  // will never come.
  await Promise.race([workbook.commit(), closed(response)]);
}

function closed(stream: Writable): Promise<void> {
  return stream.destroyed
    ? Promise.resolve()
    : new Promise((resolve) => stream.once('close', () => resolve()));
}
