import { readCsv } from './tabular-file';

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, numbering rows as Excel does', () => {
    const sheet = readCsv('\uFEFFnumber,name\r\n1,"Block ""A"", east"\r\n\r\n2,B\n', 'buildings');
    expect(sheet.rows).toEqual([
      { rowNumber: 2, values: { number: '1', name: 'Block "A", east' } },
      { rowNumber: 4, values: { number: '2', name: 'B' } },
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(() => readCsv('a\n"oops', 'x')).toThrow(/unclosed quote/);
  });
});
