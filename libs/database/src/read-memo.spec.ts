import { ReadMemo } from './read-memo';

describe('ReadMemo', () => {
  it('computes a key once per scope and shares the answer, also between concurrent callers', async () => {
    let calls = 0;
    const read = () => ReadMemo.remember('k', async () => ++calls);
    const answers = await ReadMemo.run(async () => Promise.all([read(), read(), read()]));
    expect(answers).toEqual([1, 1, 1]);
    expect(calls).toBe(1);
    // a new scope reads again
    expect(await ReadMemo.run(read)).toBe(2);
  });

  it('outside a scope always computes', async () => {
    let calls = 0;
    await ReadMemo.remember('k', async () => ++calls);
    await ReadMemo.remember('k', async () => ++calls);
    expect(calls).toBe(2);
  });

  it('serves seeded values, joins an enclosing scope and does not remember failures', async () => {
    let calls = 0;
    await ReadMemo.run(
      async () => {
        expect(await ReadMemo.remember('seeded', async () => 'read')).toBe('given');
        await ReadMemo.run(() => ReadMemo.remember('inner', async () => ++calls));
        expect(await ReadMemo.remember('inner', async () => ++calls)).toBe(1);
        await expect(ReadMemo.remember('fails', () => Promise.reject(new Error('down')))).rejects.toThrow(
          'down',
        );
        expect(await ReadMemo.remember('fails', async () => 'ok')).toBe('ok');
      },
      { seeded: 'given' },
    );
  });
});
