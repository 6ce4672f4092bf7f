import { BadRequestError } from '@estate/shared';
import { assertClientInstant, createOnce } from './client-records';

describe('assertClientInstant', () => {
  const now = new Date('2026-10-15T10:00:00.000Z');
  it('accepts up to 5 minutes of skew and refuses more', () => {
    expect(() => assertClientInstant('scannedAt', new Date('2026-10-15T10:05:00.000Z'), now)).not.toThrow();
    expect(() => assertClientInstant('scannedAt', new Date('2026-10-15T10:05:00.001Z'), now)).toThrow(
      expect.objectContaining({ code: 'TIME_IN_FUTURE' }),
    );
  });
  it('refuses a time before the lower bound with the given code', () => {
    const bound = {
      instant: new Date('2026-10-15T09:00:00.000Z'),
      code: 'TIME_BEFORE_ROUND_START',
      what: 'x',
    };
    expect(() =>
      assertClientInstant('scannedAt', new Date('2026-10-15T09:00:00.000Z'), now, bound),
    ).not.toThrow();
    let error: unknown;
    try {
      assertClientInstant('scannedAt', new Date('2026-10-15T08:59:59.999Z'), now, bound);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe('TIME_BEFORE_ROUND_START');
  });
});

describe('createOnce', () => {
  it('returns the existing record for a known clientId without creating', async () => {
    const create = jest.fn();
    await expect(createOnce('c1', async () => 'existing', create)).resolves.toEqual({
      created: false,
      record: 'existing',
    });
    expect(create).not.toHaveBeenCalled();
  });
  it('answers a lost insert race with the winner', async () => {
    let calls = 0;
    const find = async () => (calls++ === 0 ? null : 'winner');
    const duplicate = Object.assign(new Error('dup'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    await expect(
      createOnce('c1', find, async () => {
        throw duplicate;
      }),
    ).resolves.toEqual({ created: false, record: 'winner' });
  });
  it('rethrows other errors', async () => {
    await expect(
      createOnce(
        undefined,
        async () => null,
        async () => {
          throw new Error('boom');
        },
      ),
    ).rejects.toThrow('boom');
  });
});
