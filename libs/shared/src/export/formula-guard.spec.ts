import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { guardFormula, safeRow, unguardFormula } from './formula-guard';
import { streamXlsx } from './xlsx-stream';

describe('formula guard (OWASP CSV injection)', () => {
  it('prefixes text starting with = + - @ tab or CR with a single quote, and nothing else', () => {
    for (const text of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x")'])
      expect(guardFormula(text)).toBe(`'${text}`);
    for (const text of ['', 'plain', '1+1', ' =1', '阳光花园', "'=already"])
      expect(guardFormula(text)).toBe(text);
  });

  it('leaves numbers (negative ones too), dates, booleans and null as they are', () => {
    const date = new Date('2026-10-01T00:00:00Z');
    expect(safeRow([-12.5, 0, 3, date, true, null, '-5'])).toEqual([-12.5, 0, 3, date, true, null, "'-5"]);
    expect(safeRow({ amount: -100, note: '=evil()', name: 'ok' })).toEqual({
      amount: -100,
      note: "'=evil()",
      name: 'ok',
    });
  });

  it('round-trips through an import: the guard quote comes off again', () => {
    for (const text of ['=1+1', '-2', '@x', '\tx', 'plain', "'quoted"])
      expect(unguardFormula(String(guardFormula(text)))).toBe(text);
  });

  it('is written by streamXlsx: text stays text, numbers stay numbers', async () => {
    const stream = new PassThrough() as PassThrough & { setHeader: (name: string, value: string) => void };
    stream.setHeader = () => undefined;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const rows = [{ text: '=HYPERLINK("http://evil.example","click")', amount: -42.5 }];
    await streamXlsx(
      stream as unknown as Response,
      'x.xlsx',
      'X',
      [
        { header: 'text', value: (row: (typeof rows)[number]) => row.text },
        { header: 'amount', value: (row: (typeof rows)[number]) => row.amount },
      ],
      async (offset) => (offset === 0 ? rows : []),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0].getRow(2);
    expect(row.getCell(1).value).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(2).value).toBe(-42.5);
  });

  /** Every workbook writer adds its rows through safeRow, so no export can forget the guard. */
  it('guards every row any library writes to a workbook', () => {
    const libs = join(__dirname, '..', '..', '..');
    const files: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) files.push(path);
      }
    };
    walk(libs);
    const unguarded: string[] = [];
    let writers = 0;
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\.(addRows?)\(\s*([A-Za-z_]*)/g)) {
        writers++;
        if (match[1] !== 'addRow' || match[2] !== 'safeRow')
          unguarded.push(`${relative(libs, file)}: ${match[0]}`);
      }
      for (const match of source.matchAll(/\.getCell\([^)]*\)\.value\s*=/g))
        unguarded.push(`${relative(libs, file)}: ${match[0]}`);
    }
    expect(writers).toBeGreaterThanOrEqual(7);
    expect(unguarded).toEqual([]);
  });
});
