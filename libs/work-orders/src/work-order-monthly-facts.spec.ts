import {
  factDelta,
  FactSource,
  monthlyFactsOf,
  MonthlyFact,
  PeriodCalendar,
} from './work-order-monthly-facts';

// Asia/Shanghai is UTC+8 all year: October 2026 = [2026-09-30T16:00Z, 2026-10-31T16:00Z),
// November = [2026-10-31T16:00Z, 2026-11-30T16:00Z).
const at = (iso: string) => new Date(iso);
const none = {
  orders: 0,
  counted: 0,
  onTime: 0,
  visited: 0,
  labourMinutes: 0,
  timed: 0,
  seconds: 0,
  passed: 0,
};
const row = (
  period: string,
  kind: MonthlyFact['kind'],
  measures: Partial<MonthlyFact>,
  subjects: Partial<MonthlyFact> = {},
): MonthlyFact => ({
  period,
  kind,
  subject1: '',
  subject2: '',
  subject3: '',
  label: null,
  ...none,
  ...subjects,
  ...measures,
});

function order(overrides: Partial<FactSource>): FactSource {
  return {
    category: 'plumbing',
    status: 'reported',
    priority: 'routine',
    reportedAt: at('2026-10-20T00:00:00.000Z'),
    arrivedAt: null,
    arrivalSeconds: null,
    arrivalDueAt: null,
    dueAt: at('2026-10-23T00:00:00.000Z'),
    firstCompletedAt: null,
    completionSeconds: null,
    assigneeId: null,
    assigneeName: null,
    labourMinutes: null,
    firstReturnVisitAt: null,
    cancelledAt: null,
    closedAt: null,
    reworkCount: 0,
    arrivalOverdueAt: null,
    completionOverdueAt: null,
    ...overrides,
  };
}

describe('PeriodCalendar', () => {
  it('puts instants in the estate-zone month and gives its exclusive end', () => {
    const calendar = new PeriodCalendar('Asia/Shanghai');
    expect(calendar.periodOf(at('2026-09-30T15:59:59.999Z'))).toBe('2026-09');
    expect(calendar.periodOf(at('2026-09-30T16:00:00.000Z'))).toBe('2026-10');
    expect(calendar.periodOf(at('2026-10-31T15:59:59.999Z'))).toBe('2026-10');
    expect(calendar.endOf('2026-10')).toBe(Date.parse('2026-10-31T16:00:00.000Z'));
    expect(calendar.periodOf(at('2026-10-31T16:00:00.000Z'))).toBe('2026-11');
  });

  it('follows daylight saving in zones that have it', () => {
    // New York: EDT (UTC−4) until 2026-11-01 06:00Z, so November starts at 04:00Z
    const calendar = new PeriodCalendar('America/New_York');
    expect(calendar.periodOf(at('2026-11-01T03:59:59.999Z'))).toBe('2026-10');
    expect(calendar.periodOf(at('2026-11-01T04:00:00.000Z'))).toBe('2026-11');
    // and December at 05:00Z (EST, UTC−5)
    expect(calendar.endOf('2026-11')).toBe(Date.parse('2026-12-01T05:00:00.000Z'));
  });
});

describe('monthlyFactsOf', () => {
  const calendar = new PeriodCalendar('Asia/Shanghai');

  it('splits an urgent order reported late on 31 October across October and November', () => {
    // reported 23:00 local on 31 Oct; on site 23:20 (arrival due 23:30); done 00:30 local on 1 Nov
    // (due 23:00 local on 1 Nov) → on time; visited at exactly the end of November → not before it
    const facts = monthlyFactsOf(
      order({
        priority: 'urgent',
        status: 'closed',
        reportedAt: at('2026-10-31T15:00:00.000Z'),
        arrivalDueAt: at('2026-10-31T15:30:00.000Z'),
        dueAt: at('2026-11-01T15:00:00.000Z'),
        arrivedAt: at('2026-10-31T15:20:00.000Z'),
        arrivalSeconds: 1200,
        firstCompletedAt: at('2026-10-31T16:30:00.000Z'),
        completionSeconds: 5400,
        assigneeId: 't1',
        assigneeName: 'Tech One',
        labourMinutes: 45,
        firstReturnVisitAt: at('2026-11-30T16:00:00.000Z'),
        closedAt: at('2026-11-02T00:00:00.000Z'),
      }),
      calendar,
    );
    expect(facts).toEqual([
      row(
        '2026-10',
        'reported',
        { orders: 1 },
        { subject1: 'plumbing', subject2: 'closed', subject3: 'urgent' },
      ),
      row('2026-10', 'arrived', { orders: 1, timed: 1, seconds: 1200 }),
      row(
        '2026-11',
        'completed',
        { orders: 1, counted: 1, onTime: 1, visited: 0, labourMinutes: 45, timed: 1, seconds: 5400 },
        { subject1: 't1', label: 'Tech One' },
      ),
      row('2026-11', 'closed', { orders: 1, passed: 1 }),
    ]);
  });

  it('counts an urgent order late on site as not on time even when done in time, and a visit before the end', () => {
    const facts = monthlyFactsOf(
      order({
        priority: 'urgent',
        status: 'completed',
        reportedAt: at('2026-10-12T02:00:00.000Z'),
        arrivalDueAt: at('2026-10-12T02:30:00.000Z'),
        dueAt: at('2026-10-13T02:00:00.000Z'),
        arrivedAt: at('2026-10-12T02:45:00.000Z'),
        arrivalSeconds: 2700,
        firstCompletedAt: at('2026-10-12T04:00:00.000Z'),
        completionSeconds: 7200,
        firstReturnVisitAt: at('2026-10-31T15:59:59.999Z'),
      }),
      calendar,
    );
    expect(facts.find((fact) => fact.kind === 'completed')).toEqual(
      row('2026-10', 'completed', { orders: 1, counted: 1, onTime: 0, visited: 1, timed: 1, seconds: 7200 }),
    );
  });

  it('counts a routine order open at the end of the month it was due in, and its overdue flag', () => {
    // due 23 Oct; completed on 2 Nov → still open at the end of October
    const open = order({
      status: 'completed',
      firstCompletedAt: at('2026-11-02T03:00:00.000Z'),
      completionSeconds: 1_141_200,
      completionOverdueAt: at('2026-10-23T00:05:00.000Z'),
    });
    const facts = monthlyFactsOf(open, calendar);
    expect(facts.filter((fact) => fact.kind !== 'reported' && fact.kind !== 'completed')).toEqual([
      row('2026-10', 'open_past_due', { orders: 1 }),
      row('2026-10', 'overdue', { orders: 1 }),
    ]);
    // a planned order is never counted; a cancellation before the end takes it out
    expect(monthlyFactsOf({ ...open, priority: 'planned' }, calendar).map((fact) => fact.kind)).not.toContain(
      'open_past_due',
    );
    expect(
      monthlyFactsOf(
        { ...open, firstCompletedAt: null, cancelledAt: at('2026-10-25T00:00:00.000Z') },
        calendar,
      ).map((fact) => fact.kind),
    ).not.toContain('open_past_due');
  });

  it('counts overdue once in a month with both flags and once in each of two months', () => {
    const urgent = {
      priority: 'urgent' as const,
      arrivalDueAt: at('2026-09-30T15:30:00.000Z'),
      dueAt: at('2026-10-01T15:00:00.000Z'),
      reportedAt: at('2026-09-30T15:00:00.000Z'),
    };
    const overdue = (flags: Partial<FactSource>) =>
      monthlyFactsOf(order({ ...urgent, ...flags }), calendar)
        .filter((fact) => fact.kind === 'overdue')
        .map((fact) => [fact.period, fact.orders]);
    expect(
      overdue({
        arrivalOverdueAt: at('2026-09-30T15:31:00.000Z'),
        completionOverdueAt: at('2026-10-01T15:00:01.000Z'),
      }),
    ).toEqual([
      ['2026-09', 1],
      ['2026-10', 1],
    ]);
    expect(
      overdue({
        arrivalOverdueAt: at('2026-10-10T02:31:00.000Z'),
        completionOverdueAt: at('2026-10-11T02:00:01.000Z'),
      }),
    ).toEqual([['2026-10', 1]]);
  });

  it('counts rework against first-time pass and an unassigned completion under no one', () => {
    const facts = monthlyFactsOf(
      order({
        status: 'closed',
        firstCompletedAt: at('2026-10-21T00:00:00.000Z'),
        completionSeconds: 86_400,
        closedAt: at('2026-10-22T00:00:00.000Z'),
        reworkCount: 1,
      }),
      calendar,
    );
    expect(facts.find((fact) => fact.kind === 'closed')).toEqual(
      row('2026-10', 'closed', { orders: 1, passed: 0 }),
    );
    expect(facts.find((fact) => fact.kind === 'completed')?.subject1).toBe('');
  });
});

describe('factDelta', () => {
  const calendar = new PeriodCalendar('Asia/Shanghai');
  const completed = order({
    status: 'reopened',
    firstCompletedAt: at('2026-10-21T00:00:00.000Z'),
    completionSeconds: 86_400,
    assigneeId: 't1',
    assigneeName: 'Tech One',
    labourMinutes: 30,
    dueAt: at('2026-10-23T00:00:00.000Z'),
  });

  it('moves a completion from one technician to another on reassignment, in key order', () => {
    const reassigned = { ...completed, assigneeId: 't0', assigneeName: 'Tech Zero' };
    expect(factDelta(completed, reassigned, calendar)).toEqual([
      row(
        '2026-10',
        'completed',
        { orders: 1, counted: 1, onTime: 1, labourMinutes: 30, timed: 1, seconds: 86_400 },
        { subject1: 't0', label: 'Tech Zero' },
      ),
      row(
        '2026-10',
        'completed',
        { orders: -1, counted: -1, onTime: -1, labourMinutes: -30, timed: -1, seconds: -86_400 },
        { subject1: 't1' },
      ),
    ]);
  });

  it('moves the status count and the labour of a re-completion, and nothing for no change', () => {
    const recompleted = { ...completed, status: 'completed' as const, labourMinutes: 50 };
    expect(factDelta(completed, recompleted, calendar)).toEqual([
      row('2026-10', 'completed', { labourMinutes: 20 }, { subject1: 't1', label: 'Tech One' }),
      row(
        '2026-10',
        'reported',
        { orders: 1 },
        { subject1: 'plumbing', subject2: 'completed', subject3: 'routine' },
      ),
      row(
        '2026-10',
        'reported',
        { orders: -1 },
        { subject1: 'plumbing', subject2: 'reopened', subject3: 'routine' },
      ),
    ]);
    expect(factDelta(completed, { ...completed }, calendar)).toEqual([]);
  });

  it('adds every fact of a new order', () => {
    expect(factDelta(null, completed, calendar)).toEqual(
      monthlyFactsOf(completed, calendar).sort((a, b) =>
        [a.period, a.kind, a.subject1, a.subject2].join('|') <
        [b.period, b.kind, b.subject1, b.subject2].join('|')
          ? -1
          : 1,
      ),
    );
  });
});
