import { checkFactTime, closedMonthError, FactTimeCheck } from './fact-time';

const now = new Date('2026-11-10T02:00:00.000Z');
const at = (iso: string) => new Date(iso);
const codeOf = (check: Partial<FactTimeCheck>): string | null => {
  try {
    checkFactTime({ field: 'arrivedAt', value: now, now, maxBackdateDays: 7, ...check });
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('checkFactTime (the one rule for "when it happened")', () => {
  it('accepts up to 5 minutes of clock skew and refuses 1 ms more', () => {
    expect(codeOf({ value: at('2026-11-10T02:05:00.000Z') })).toBeNull();
    expect(codeOf({ value: at('2026-11-10T02:05:00.001Z') })).toBe('TIME_IN_FUTURE');
  });
  it('accepts exactly maxBackdateDays back and refuses 1 ms more', () => {
    expect(codeOf({ value: at('2026-11-03T02:00:00.000Z') })).toBeNull();
    expect(codeOf({ value: at('2026-11-03T01:59:59.999Z') })).toBe('TIME_TOO_FAR_BACK');
  });
  it('with 0 days refuses any time before now', () => {
    expect(codeOf({ maxBackdateDays: 0 })).toBeNull();
    expect(codeOf({ maxBackdateDays: 0, value: at('2026-11-10T01:59:59.999Z') })).toBe('TIME_TOO_FAR_BACK');
  });
  it('refuses a time before the latest previous step, naming it; null steps are no bound', () => {
    const steps = [
      { instant: at('2026-11-09T01:00:00.000Z'), what: 'the report' },
      { instant: at('2026-11-09T03:00:00.000Z'), what: 'the assignment' },
      { instant: null, what: 'the reopening' },
    ];
    expect(codeOf({ value: at('2026-11-09T03:00:00.000Z'), notBefore: steps })).toBeNull();
    let message = '';
    try {
      checkFactTime({
        field: 'arrivedAt',
        value: at('2026-11-09T02:59:59.999Z'),
        now,
        maxBackdateDays: 7,
        notBefore: steps,
      });
    } catch (error) {
      message = (error as Error).message;
      expect((error as { code: string }).code).toBe('TIME_BEFORE_PREVIOUS_STEP');
    }
    expect(message).toContain('the assignment');
  });
  it('names the closed month', () => {
    const error = closedMonthError('effectiveAt', at('2026-10-20T00:00:00Z'), '2026-10', '2026-10');
    expect(error.code).toBe('PERIOD_CLOSED');
    expect(error.message).toContain('2026-10');
    expect(error.details).toMatchObject({ period: '2026-10', field: 'effectiveAt' });
  });
});
