import { inflateRawSync } from 'node:zlib';
import { BadRequestError, PayloadTooLargeError, UnprocessableError } from '@estate/shared';

/**
 * Limits every import (registry, assets, trainings) applies before it parses a file, so a hostile
 * upload costs one request and never the process (issue #22, finding 8). docs/operations.md lists them.
 */
/** Data rows (header rows not counted) one imported file may hold, all its sheets together. */
export const IMPORT_MAX_ROWS = 20_000;
/** What an .xlsx may unpack to, all its parts together (a zip of a few MB can inflate to GBs). */
export const IMPORT_MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024;
/** Parts an .xlsx may hold (a real workbook has a dozen or two). */
export const IMPORT_MAX_ZIP_ENTRIES = 1000;

const MiB = 1024 * 1024;

const unreadable = (why = 'The file is not a readable .xlsx workbook') =>
  new BadRequestError('FILE_UNREADABLE', why);

export function tooManyRows(rows: number): UnprocessableError {
  return new UnprocessableError(
    'IMPORT_TOO_MANY_ROWS',
    `The file has ${rows} rows; an import takes at most ${IMPORT_MAX_ROWS}. Split it into several files.`,
    { limitRows: IMPORT_MAX_ROWS, rows },
  );
}

function tooLarge(message: string): PayloadTooLargeError {
  return new PayloadTooLargeError(
    'IMPORT_TOO_LARGE',
    `${message}; an import may unpack to at most ${IMPORT_MAX_UNCOMPRESSED_BYTES / MiB} MiB. Split it into several files.`,
    { limitBytes: IMPORT_MAX_UNCOMPRESSED_BYTES },
  );
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/** The zip's central directory (ZIP appnote 4.3.12/4.3.16); zip64 is refused (no upload needs it). */
function centralDirectory(buffer: Buffer): ZipEntry[] {
  if (buffer.length < 22) throw unreadable();
  let end = -1;
  for (let index = buffer.length - 22; index >= Math.max(0, buffer.length - 22 - 0xffff); index--)
    if (buffer.readUInt32LE(index) === 0x06054b50) {
      end = index;
      break;
    }
  if (end < 0) throw unreadable();
  const count = buffer.readUInt16LE(end + 10);
  const size = buffer.readUInt32LE(end + 12);
  const offset = buffer.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    throw unreadable('The workbook is a zip64 archive, which imports do not read; save it again from Excel');
  if (count > IMPORT_MAX_ZIP_ENTRIES)
    throw tooLarge(`The workbook has ${count} parts (at most ${IMPORT_MAX_ZIP_ENTRIES})`);
  if (offset + size > end) throw unreadable();
  const entries: ZipEntry[] = [];
  let position = offset;
  for (let index = 0; index < count; index++) {
    if (position + 46 > end || buffer.readUInt32LE(position) !== 0x02014b50) throw unreadable();
    const nameLength = buffer.readUInt16LE(position + 28);
    const extraLength = buffer.readUInt16LE(position + 30);
    const commentLength = buffer.readUInt16LE(position + 32);
    entries.push({
      name: buffer.toString('utf8', position + 46, position + 46 + nameLength),
      method: buffer.readUInt16LE(position + 10),
      compressedSize: buffer.readUInt32LE(position + 20),
      uncompressedSize: buffer.readUInt32LE(position + 24),
      localOffset: buffer.readUInt32LE(position + 42),
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, inflated with a hard cap at the size the directory declares. */
function inflateEntry(buffer: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localOffset;
  if (local + 30 > buffer.length || buffer.readUInt32LE(local) !== 0x04034b50) throw unreadable();
  const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
  if (start + entry.compressedSize > buffer.length) throw unreadable();
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw unreadable();
    return data;
  }
  if (entry.method !== 8) throw unreadable();
  let inflated: Buffer;
  try {
    // One byte over the declared size is enough to know the directory lies: inflating stops there.
    inflated = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(`Part ${entry.name} unpacks to more than the workbook declares`);
    throw unreadable();
  }
  if (inflated.length !== entry.uncompressedSize) {
    if (inflated.length > entry.uncompressedSize)
      throw tooLarge(`Part ${entry.name} unpacks to more than the workbook declares`);
    throw unreadable();
  }
  return inflated;
}

/** `<row …>` elements (any namespace prefix) in a worksheet's XML. */
const ROW_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;

/**
 * Checks an .xlsx before anything parses it: the zip's declared sizes (all parts together at most
 * IMPORT_MAX_UNCOMPRESSED_BYTES → else 413 IMPORT_TOO_LARGE), every part inflated with a cap at its
 * declared size (a directory that understates a part is caught after one byte too many, not after
 * 400 MiB), and the rows stored in its worksheets (beyond one header row per sheet, at most
 * IMPORT_MAX_ROWS → else 422 IMPORT_TOO_MANY_ROWS). Memory stays below the size limit.
 */
export function assertWorkbookWithinLimits(buffer: Buffer): void {
  const entries = centralDirectory(buffer);
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > IMPORT_MAX_UNCOMPRESSED_BYTES)
    throw tooLarge(`The workbook unpacks to ${(declared / MiB).toFixed(0)} MiB`);
  let dataRows = 0;
  for (const entry of entries) {
    const content = inflateEntry(buffer, entry);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name))
      dataRows += Math.max(0, (content.toString('latin1').match(ROW_ELEMENT)?.length ?? 0) - 1);
  }
  if (dataRows > IMPORT_MAX_ROWS) throw tooManyRows(dataRows);
}
