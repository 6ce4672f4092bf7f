import ExcelJS from 'exceljs';
import { Estate } from '@estate/estates';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** Row counts of a table for one estate, to prove a refused request wrote nothing. */
export async function countRows(dataSource: DataSource, table: string, estateId: string): Promise<number> {
  const rows: { count: string | number }[] = await dataSource.query(
    `SELECT COUNT(*) AS count FROM ${table} WHERE estate_id = ?`,
    [estateId],
  );
  return Number(rows[0].count);
}

/** `count` occupied units (one resident each) and `vacant` empty ones in the estate. */
export async function households(t: TestApp, estate: Estate, count: number, vacant = 0): Promise<void> {
  for (let index = 0; index < count; index++) await t.factory.resident(await t.factory.unit(estate));
  for (let index = 0; index < vacant; index++) await t.factory.unit(estate);
}

let clientSequence = 0;
/** A fresh client-generated UUID (v4 shape). */
export function clientId(): string {
  clientSequence++;
  const hex = clientSequence.toString(16).padStart(12, '0');
  return `${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}-0000-4000-8000-${hex}`;
}

/** GETs an .xlsx export and returns its first sheet as arrays of cell values (row 1 = headers). */
export async function downloadXlsx(
  t: TestApp,
  url: string,
  auth: { Authorization: string },
): Promise<{ contentType: string; disposition: string; rows: unknown[][] }> {
  const response = await t.http
    .get(url)
    .set(auth)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return {
    contentType: String(response.headers['content-type']),
    disposition: String(response.headers['content-disposition']),
    rows,
  };
}
