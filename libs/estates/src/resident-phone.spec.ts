import { phoneDigits, phoneLast4 } from './resident-phone';

describe('phoneLast4', () => {
  it.each([
    ['13812345678', '5678'],
    ['+86 138-1234-5678', '5678'],
    ['021 6234 0001', '0001'],
    ['1234', '1234'],
    ['123', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%p → %p', (phone, expected) => {
    expect(phoneLast4(phone)).toBe(expected);
  });

  it('keeps only digits for comparisons', () => {
    expect(phoneDigits('+86 138-1234-5678')).toBe('8613812345678');
    expect(phoneDigits(null)).toBe('');
  });
});
