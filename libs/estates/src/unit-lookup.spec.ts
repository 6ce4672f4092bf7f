import { parseRoomQuery } from './unit-lookup.service';

describe('parseRoomQuery', () => {
  it.each([
    ['3-12', { building: '3', unitPrefix: '12' }],
    ['3 - 1203', { building: '3', unitPrefix: '1203' }],
    ['3 1203', { building: '3', unitPrefix: '1203' }],
    ['A2-1203', { building: 'A2', unitPrefix: '1203' }],
    ['3栋1203', { building: '3', unitPrefix: '1203' }],
    ['3号楼 1203', { building: '3', unitPrefix: '1203' }],
    ['3栋-1203', { building: '3', unitPrefix: '1203' }],
    ['3栋', { building: '3', unitPrefix: '' }],
    ['1203', { building: null, unitPrefix: '1203' }],
    ['  1203 ', { building: null, unitPrefix: '1203' }],
  ])('%p', (q, expected) => {
    expect(parseRoomQuery(q)).toEqual(expected);
  });
});
