import { readCsv } from './tabular-file';

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, numbering rows as Excel does', () => {
    const sheet = readCsv('\uFEFFnumber,name\r\n1,"Block ""A"", east"\r\n\r\n2,B\n', 'buildings');
    expect(sheet.rows).toEqual([
      { rowNumber: 2, values: { number: '1', name: 'Block "A", east' } },
      { rowNumber: 4, values: { number: '2', name: 'B' } },
    ]);
  });

  it('drops the guard quote our exports put before formula-like text, and nothing else', () => {
    expect(readCsv("name,note\n'=1+1,'plain\n'-5,x\n", 'x').rows.map((row) => row.values)).toEqual([
      { name: '=1+1', note: "'plain" },
      { name: '-5', note: 'x' },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => readCsv('a\n"oops', 'x')).toThrow(/unclosed quote/);
  });
});
