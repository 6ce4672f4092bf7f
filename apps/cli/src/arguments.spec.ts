import { parseOptions, UsageError } from './arguments';

describe('parseOptions', () => {
  it('reads --name value, --name=value and bare flags', () => {
    expect(
      parseOptions(['--estate', 'SUNSHINE', '--period=2026-10', '--dry-run', '--format', 'pdf,xlsx']),
    ).toEqual({
      estate: 'SUNSHINE',
      period: '2026-10',
      'dry-run': true,
      format: 'pdf,xlsx',
    });
    expect(parseOptions(['--name', '王 师傅', '--force'])).toEqual({ name: '王 师傅', force: true });
    expect(parseOptions(['--password=a=b'])).toEqual({ password: 'a=b' });
  });

  it('refuses stray words', () => {
    expect(() => parseOptions(['SUNSHINE'])).toThrow(UsageError);
    expect(() => parseOptions(['--estate', 'A', 'B'])).toThrow(/Unexpected argument "B"/);
  });
});
