import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { ExportColumn, streamXlsx } from './xlsx-stream';

/** A response-like stream: a real PassThrough with the two header calls streamXlsx makes. */
function slowClient(): PassThrough & { headers: Record<string, string> } {
  const stream = new PassThrough({ highWaterMark: 16 * 1024 }) as PassThrough & {
    headers: Record<string, string>;
    setHeader: (name: string, value: string) => void;
  };
  stream.headers = {};
  stream.setHeader = (name, value) => (stream.headers[name] = value);
  return stream;
}

const BATCHES = 40;
const BATCH = 500; // streamXlsx's batch size
// Random hex does not compress, so each batch is ~100 KB of zip output: well over the buffer.
const rowsOf = (offset: number, limit: number) =>
  offset >= BATCHES * BATCH
    ? []
    : Array.from({ length: Math.min(limit, BATCHES * BATCH - offset) }, (_, index) => ({
        number: offset + index + 1,
        text: randomBytes(100).toString('hex'),
      }));
interface Row {
  number: number;
  text: string;
}
const columns: ExportColumn<Row>[] = [
  { header: '序号 No.', value: (row) => row.number },
  { header: '内容 Text', value: (row) => row.text },
];
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
/** A batch read from the database: asynchronous I/O taking a couple of milliseconds. */
const query = async (offset: number, limit: number) => {
  await new Promise((resolve) => setTimeout(resolve, 2));
  return rowsOf(offset, limit);
};

/** Starts an export to a client that reads nothing yet; `fetched()` counts the batches read so far. */
function startExport() {
  const client = slowClient();
  let batches = 0;
  const done = streamXlsx(
    client as unknown as Response,
    'log.xlsx',
    'Log',
    columns,
    async (offset, limit) => {
      batches++;
      return query(offset, limit);
    },
  );
  return { client, done, fetched: () => batches };
}

describe('streamXlsx and slow clients', () => {
  it('stops reading the database while the client reads nothing, and finishes when it reads', async () => {
    const { client, done, fetched } = startExport();
    // Wait until reading has stopped (the zip pipeline moves bytes asynchronously, slower on a
    // loaded machine): no new batch for a whole second.
    let whileStalled = -1;
    for (let tries = 0; tries < 20 && whileStalled !== fetched(); tries++) {
      whileStalled = fetched();
      await settle();
      await settle();
      await settle();
    }
    expect(fetched()).toBe(whileStalled);
    expect(whileStalled).toBeGreaterThan(0);
    // The zip pipeline's own buffers hold a few batches; an unthrottled writer reads all 41.
    expect(whileStalled).toBeLessThanOrEqual(10);

    const chunks: Buffer[] = [];
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    await done;
    await new Promise((resolve) => client.end(resolve));
    expect(fetched()).toBe(BATCHES + 1); // 40 full batches, then an empty one ends the sheet
    expect(client.headers['Content-Disposition']).toContain("filename*=UTF-8''log.xlsx");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Log')!;
    expect(sheet.rowCount).toBe(BATCHES * BATCH + 1);
    expect(sheet.getRow(1).getCell(1).value).toBe('序号 No.');
    expect(sheet.getRow(BATCHES * BATCH + 1).getCell(1).value).toBe(BATCHES * BATCH);
  });

  it('stops reading the database when the client disconnects', async () => {
    const { client, done, fetched } = startExport();
    await settle();
    const beforeDisconnect = fetched();
    client.destroy();
    await done; // resolves rather than waiting for a drain that will never come
    expect(fetched()).toBe(beforeDisconnect);
  });
});
