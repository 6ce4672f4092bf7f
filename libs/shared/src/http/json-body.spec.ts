import { BadRequestException } from '@nestjs/common';
import { RefusedJsonKeyError, refusePrototypeKeys } from './json-body';

describe('refusePrototypeKeys', () => {
  const parse = (text: string) => JSON.parse(text, refusePrototypeKeys) as unknown;

  it('refuses __proto__ anywhere and prototype holding an object, naming the key', () => {
    expect(() => parse('{"a":1,"__proto__":{"isAdmin":true}}')).toThrow(RefusedJsonKeyError);
    expect(() => parse('{"nested":{"__proto__":1}}')).toThrow('"__proto__"');
    expect(() => parse('{"constructor":{"prototype":{"polluted":1}}}')).toThrow('"prototype"');
  });

  it('leaves ordinary bodies alone, including a key named prototype holding a plain value', () => {
    expect(parse('{"name":"A","prototype":"x","list":[1,2]}')).toEqual({
      name: 'A',
      prototype: 'x',
      list: [1, 2],
    });
  });

  it('finds the key again in the BadRequestException Nest makes of the parser error', () => {
    const error = new RefusedJsonKeyError('__proto__');
    expect(RefusedJsonKeyError.keyIn(error)).toBe('__proto__');
    expect(RefusedJsonKeyError.keyIn(new BadRequestException(error.message))).toBe('__proto__');
    expect(RefusedJsonKeyError.keyIn(new BadRequestException('Unexpected end of JSON input'))).toBeNull();
  });
});
