import { conditionAsOf, ConditionFact } from './condition-as-of';
import { isIntact } from './asset.constants';

const at = (iso: string) => new Date(iso);

describe('conditionAsOf', () => {
  const records: ConditionFact[] = [
    { id: '0002', condition: 'poor', recordedAt: at('2026-10-10T08:00:00Z') },
    { id: '0001', condition: 'good', recordedAt: at('2026-10-01T08:00:00Z') },
    { id: '0003', condition: 'good', recordedAt: at('2026-10-20T08:00:00Z') },
  ];

  it('is null before the first record (not known, not intact)', () => {
    const found = conditionAsOf(records, at('2026-09-30T23:59:59.999Z'));
    expect(found).toBeNull();
    expect(isIntact(found?.condition)).toBe(false);
  });

  it('takes the latest record at or before the instant, whatever the input order', () => {
    expect(conditionAsOf(records, at('2026-10-01T08:00:00Z'))?.id).toBe('0001'); // exactly at: included
    expect(conditionAsOf(records, at('2026-10-10T07:59:59.999Z'))?.id).toBe('0001');
    expect(conditionAsOf(records, at('2026-10-15T00:00:00Z'))?.condition).toBe('poor');
    expect(conditionAsOf(records, at('2026-10-31T16:00:00Z'))?.condition).toBe('good');
  });

  it('breaks a tie on recordedAt by id (the later UUIDv7 wins)', () => {
    const tied: ConditionFact[] = [
      { id: '018f-b', condition: 'dangerous', recordedAt: at('2026-10-10T08:00:00Z') },
      { id: '018f-a', condition: 'good', recordedAt: at('2026-10-10T08:00:00Z') },
    ];
    expect(conditionAsOf(tied, at('2026-10-11T00:00:00Z'))?.condition).toBe('dangerous');
    expect(conditionAsOf([...tied].reverse(), at('2026-10-11T00:00:00Z'))?.condition).toBe('dangerous');
  });

  it('counts good and fair as intact, everything else not', () => {
    expect(
      ['good', 'fair', 'poor', 'bad', 'dangerous', 'out_of_service'].map((c) => isIntact(c as never)),
    ).toEqual([true, true, false, false, false, false]);
  });
});
