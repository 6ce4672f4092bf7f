import { slaCountdown } from './sla';

const at = (iso: string) => new Date(iso).getTime();
// urgent: reported 10:00Z, on site by 10:30Z, done by 10:00Z next day
const urgent = {
  status: 'reported',
  reportedAt: '2026-10-15T10:00:00.000Z',
  arrivalDueAt: '2026-10-15T10:30:00.000Z',
  arrivedAt: null,
  dueAt: '2026-10-16T10:00:00.000Z',
};

describe('slaCountdown', () => {
  it('counts down to arrival for an urgent order not yet on site', () => {
    expect(slaCountdown(urgent, at('2026-10-15T10:05:00Z'))).toEqual({
      phase: 'arrival',
      minutes: 25,
      tone: 'ok',
    });
    // a quarter of 30 min or less left
    expect(slaCountdown(urgent, at('2026-10-15T10:23:00Z'))).toMatchObject({ minutes: 7, tone: 'soon' });
    expect(slaCountdown(urgent, at('2026-10-15T12:30:00Z'))).toEqual({
      phase: 'arrival',
      minutes: -120,
      tone: 'late',
    });
  });

  it('counts down to completion once arrived, and for routine orders', () => {
    const arrived = { ...urgent, status: 'in_progress', arrivedAt: '2026-10-15T10:20:00.000Z' };
    expect(slaCountdown(arrived, at('2026-10-15T12:00:00Z'))).toEqual({
      phase: 'completion',
      minutes: 22 * 60,
      tone: 'ok',
    });
    const routine = { ...urgent, arrivalDueAt: null };
    expect(slaCountdown(routine, at('2026-10-16T10:00:30Z'))).toEqual({
      phase: 'completion',
      minutes: -1,
      tone: 'late',
    });
  });

  it('has no countdown once done, closed or cancelled', () => {
    for (const status of ['completed', 'closed', 'cancelled'])
      expect(slaCountdown({ ...urgent, status }, at('2026-10-17T00:00:00Z'))).toBeNull();
  });
});
