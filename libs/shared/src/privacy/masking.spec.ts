import { maskName, maskPhone } from './masking';

describe('masking', () => {
  it('masks phone numbers as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021 6123 4567')).toBe('021****4567');
    expect(maskPhone(null)).toBeNull();
  });
  it('keeps only the family name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
  });
});
