import { codePrefixOf } from './work-order-search';

describe('codePrefixOf (list q)', () => {
  it.each([
    ['WO-2026-000123', 'WO-2026-000123'],
    ['wo-2026-0123', 'WO-2026-0123'],
    ['  WO-2026-0123 ', 'WO-2026-0123'],
    ['WO-2026-', 'WO-2026-'],
    ['WO-2026', 'WO-2026'],
    ['WO-20', 'WO-20'],
    ['WO-', 'WO-'],
    ['wo', 'WO'],
    ['2026-000123', 'WO-2026-000123'],
    ['2026-', 'WO-2026-'],
  ])('%p is the code prefix %p', (q, prefix) => expect(codePrefixOf(q)).toBe(prefix));

  it.each([
    ['1203'], // a room number: free text
    ['2026'],
    ['漏水'],
    ['WO-2026-0000001'], // serial longer than 6 digits
    ['WO-26-0001'], // year not 4 digits
    ['WO 2026'],
    ['WO-2026-12a'],
    ['work'],
    ['%'],
  ])('%p is free text', (q) => expect(codePrefixOf(q)).toBeNull());
});
