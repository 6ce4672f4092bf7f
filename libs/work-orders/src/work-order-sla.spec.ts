import { DomainError } from '@estate/shared';
import { appointmentWindow, computeDeadlines } from './work-order-sla';

const DEFAULT_SLA = { urgentArrivalMinutes: 30, urgentCompletionHours: 24, routineCompletionHours: 72 };

describe('computeDeadlines', () => {
  const reportedAt = new Date('2026-10-15T02:10:00.000Z'); // 10:10 in Shanghai

  it('urgent: on site within 30 min, done within 24 h', () => {
    expect(computeDeadlines({ priority: 'urgent', reportedAt, sla: DEFAULT_SLA })).toEqual({
      arrivalDueAt: new Date('2026-10-15T02:40:00.000Z'),
      dueAt: new Date('2026-10-16T02:10:00.000Z'),
    });
  });

  it('urgent ignores an appointment window', () => {
    const appointment = { start: new Date('2026-10-20T01:00:00Z'), end: new Date('2026-10-20T04:00:00Z') };
    expect(computeDeadlines({ priority: 'urgent', reportedAt, sla: DEFAULT_SLA, appointment }).dueAt).toEqual(
      new Date('2026-10-16T02:10:00.000Z'),
    );
  });

  it('routine: done within 72 h, no arrival deadline', () => {
    expect(computeDeadlines({ priority: 'routine', reportedAt, sla: DEFAULT_SLA })).toEqual({
      arrivalDueAt: null,
      dueAt: new Date('2026-10-18T02:10:00.000Z'),
    });
  });

  it('routine with an appointment: due at the end of the window, later or earlier than 72 h', () => {
    const later = { start: new Date('2026-10-20T01:00:00Z'), end: new Date('2026-10-20T04:00:00Z') };
    expect(
      computeDeadlines({ priority: 'routine', reportedAt, sla: DEFAULT_SLA, appointment: later }).dueAt,
    ).toEqual(new Date('2026-10-20T04:00:00Z'));
    const earlier = { start: new Date('2026-10-15T06:00:00Z'), end: new Date('2026-10-15T08:00:00Z') };
    expect(
      computeDeadlines({ priority: 'routine', reportedAt, sla: DEFAULT_SLA, appointment: earlier }).dueAt,
    ).toEqual(new Date('2026-10-15T08:00:00Z'));
  });

  it('planned: like routine', () => {
    expect(computeDeadlines({ priority: 'planned', reportedAt, sla: DEFAULT_SLA })).toEqual({
      arrivalDueAt: null,
      dueAt: new Date('2026-10-18T02:10:00.000Z'),
    });
  });

  it('uses the estate settings', () => {
    const sla = { urgentArrivalMinutes: 15, urgentCompletionHours: 8, routineCompletionHours: 48 };
    expect(computeDeadlines({ priority: 'urgent', reportedAt, sla })).toEqual({
      arrivalDueAt: new Date('2026-10-15T02:25:00.000Z'),
      dueAt: new Date('2026-10-15T10:10:00.000Z'),
    });
    expect(computeDeadlines({ priority: 'routine', reportedAt, sla }).dueAt).toEqual(
      new Date('2026-10-17T02:10:00.000Z'),
    );
  });

  it('counts elapsed hours across a daylight-saving change (New York, 1 Nov 2026 falls back)', () => {
    // 31 Oct 2026 12:00 EDT (UTC−4) = 16:00Z; +24 h elapsed = 1 Nov 16:00Z = 11:00 EST (wall clock shows 23 h)
    const beforeFallBack = new Date('2026-10-31T16:00:00.000Z');
    expect(
      computeDeadlines({ priority: 'urgent', reportedAt: beforeFallBack, sla: DEFAULT_SLA }).dueAt,
    ).toEqual(new Date('2026-11-01T16:00:00.000Z'));
  });
});

describe('appointmentWindow', () => {
  it('reads local times in the estate zone (Shanghai, UTC+8)', () => {
    expect(
      appointmentWindow({ date: '2026-10-20', startTime: '09:00', endTime: '12:00' }, 'Asia/Shanghai'),
    ).toEqual({
      start: new Date('2026-10-20T01:00:00.000Z'),
      end: new Date('2026-10-20T04:00:00.000Z'),
    });
  });

  it('a late-evening window on the last day of the month stays on that local date', () => {
    // 31 Oct 22:00–23:30 Shanghai = 31 Oct 14:00Z–15:30Z
    expect(
      appointmentWindow({ date: '2026-10-31', startTime: '22:00', endTime: '23:30' }, 'Asia/Shanghai'),
    ).toEqual({
      start: new Date('2026-10-31T14:00:00.000Z'),
      end: new Date('2026-10-31T15:30:00.000Z'),
    });
  });

  it('uses the offset of that date (New York: EDT before 1 Nov, EST after)', () => {
    expect(
      appointmentWindow({ date: '2026-10-30', startTime: '09:00', endTime: '10:00' }, 'America/New_York')
        .start,
    ).toEqual(new Date('2026-10-30T13:00:00.000Z'));
    expect(
      appointmentWindow({ date: '2026-11-02', startTime: '09:00', endTime: '10:00' }, 'America/New_York')
        .start,
    ).toEqual(new Date('2026-11-02T14:00:00.000Z'));
  });

  it('refuses an end not after the start', () => {
    const attempt = () =>
      appointmentWindow({ date: '2026-10-20', startTime: '12:00', endTime: '09:00' }, 'Asia/Shanghai');
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/must end after it starts/);
    expect(() =>
      appointmentWindow({ date: '2026-10-20', startTime: '09:00', endTime: '09:00' }, 'Asia/Shanghai'),
    ).toThrow(/must end after/);
  });

  it('refuses malformed times', () => {
    expect(() =>
      appointmentWindow({ date: '2026-10-20', startTime: '9am', endTime: '12:00' }, 'Asia/Shanghai'),
    ).toThrow(/Not a local date and time/);
  });
});
