import { MEASURE_COLUMNS, WorkOrderMonthlyFactsService, WorkOrderSlaSweepService } from '@estate/work-orders';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';
import { postAt, workOrderWorld, WorkOrderWorld } from '../support/work-order-fixtures';

/**
 * The stats endpoint reads monthly facts kept by every write (libs/work-orders/src/work-order-monthly-facts.ts)
 * when the estate has them, and the orders themselves when it has none. These tests drive random
 * histories through the API and check, month by month, that the two sources give the same stats,
 * and that the facts kept write by write equal the facts rebuilt from the orders.
 */

/** mulberry32: a small seeded generator, so a failing history can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    below: (limit: number) => Math.floor(next() * limit),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (probability: number) => next() < probability,
    /** One of the three oldest or three newest, so orders move through their lifecycle (some in time). */
    early: <T>(items: readonly T[]): T => {
      const offset = Math.floor(next() * Math.min(3, items.length));
      return next() < 0.5 ? items[offset] : items[items.length - 1 - offset];
    },
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PERIODS = ['2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
const CATEGORIES = ['plumbing', 'electrical', 'elevator'];

interface Tracked {
  id: string;
  status: string;
  version: number;
  reportedAt: number;
  assignedAt: number | null;
  arrivedAt: number | null;
  completedAt: number | null;
  firstCompletedAt: number | null;
  lastReopenedAt: number | null;
}

/** Facts may be dated at most this far back (the estate's default settings.facts.maxBackdateDays). */
const BACKDATE_LIMIT = 7 * 24 * 60 * 60 * 1000;

describe('work-order monthly facts (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const facts = () => t.app.get(WorkOrderMonthlyFactsService);

  const statsOf = async (user: TestUser, estateId: string) => {
    const months: Record<string, unknown> = {};
    for (const period of PERIODS)
      months[period] = (
        await t.http.get('/api/v1/work-orders/stats').query({ estateId, period }).set(user.auth).expect(200)
      ).body;
    return months;
  };

  /** The stored facts with any non-zero measure, in key order (labels left out: names as last written). */
  const storedFacts = async (estateId: string) =>
    (
      (await t.dataSource.query(
        `SELECT period, kind, subject1, subject2, subject3, ${MEASURE_COLUMNS.join(', ')} ` +
          'FROM work_order_monthly_facts WHERE estate_id = ? ORDER BY period, kind, subject1, subject2, subject3',
        [estateId],
      )) as Record<string, unknown>[]
    )
      .map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])))
      .filter((row) => MEASURE_COLUMNS.some((column) => row[column] !== '0'));

  const withoutBuild = async <T>(estateId: string, read: () => Promise<T>): Promise<T> => {
    await t.dataSource.query('DELETE FROM work_order_fact_builds WHERE estate_id = ?', [estateId]);
    return read();
  };

  /**
   * A random history over August–December 2026 through the API: intake (some back-dated), assignment
   * and reassignment (also after rework), arrival (some back-dated: a paper job sheet typed in later),
   * hold/resume, completion (some back-dated, with labour), acceptance pass/fail (some back-dated),
   * cancellation, priority changes (also during rework), return visits (some back-dated) and SLA
   * sweeps. Back-dated times stay within the estate's limit and after the step they follow.
   */
  async function randomHistory(world: WorkOrderWorld, technicians: TestUser[], seed: number, steps: number) {
    const random = generator(seed);
    const { manager } = world;
    const orders: Tracked[] = [];
    let now = Date.parse('2026-08-20T00:00:00.000Z');
    const iso = (time: number) => new Date(time).toISOString();
    const act = async (order: Tracked, path: string, body: Record<string, unknown> = {}) => {
      const response = await postAt(t, iso(now), manager, `/${order.id}/${path}`, {
        ...body,
        version: order.version,
      });
      if (response.status !== 200)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      order.status = response.body.status;
      order.version = response.body.version;
    };
    const inStatus = (...statuses: string[]) => orders.filter((order) => statuses.includes(order.status));
    /** Now, or (with probability `chance`) a time between the latest bound and now, within the limit. */
    const maybeBackdated = (chance: number, ...bounds: (number | null)[]) => {
      const earliest = Math.max(now - BACKDATE_LIMIT, ...bounds.map((bound) => bound ?? 0));
      return random.chance(chance) ? Math.floor(earliest + random.next() * (now - earliest)) : now;
    };
    for (let step = 0; step < steps; step++) {
      const pause = random.next();
      // mostly minutes apart, sometimes hours, now and then days (orders fall overdue, months pass)
      now +=
        pause < 0.03
          ? (72 + random.below(170)) * HOUR
          : pause < 0.15
            ? (2 + random.below(10)) * HOUR
            : (1 + random.below(40)) * MINUTE;
      const roll = random.next();
      if (roll < 0.14 || orders.length < 5) {
        const reportedAt = random.chance(0.2) ? now - random.below(72) * HOUR : now;
        const response = await postAt(t, iso(now), manager, '', {
          estateId: world.estate.id,
          unitId: world.unit.id,
          category: random.pick(CATEGORIES),
          priority: random.pick(['urgent', 'urgent', 'routine', 'routine', 'routine', 'planned']),
          channel: 'phone',
          description: `random history ${step}`,
          reportedAt: iso(reportedAt),
        });
        if (response.status !== 201)
          throw new Error(`intake: ${response.status} ${JSON.stringify(response.body)}`);
        orders.push({
          id: response.body.id,
          status: response.body.status,
          version: response.body.version,
          reportedAt,
          assignedAt: null,
          arrivedAt: null,
          completedAt: null,
          firstCompletedAt: null,
          lastReopenedAt: null,
        });
      } else if (roll < 0.32) {
        const candidates = inStatus('reported', 'assigned', 'in_progress', 'on_hold', 'reopened');
        const waiting = inStatus('reported');
        const order =
          waiting.length && random.chance(0.7)
            ? random.early(waiting)
            : candidates.length
              ? random.pick(candidates)
              : null;
        if (order) {
          await act(order, 'assign', { assigneeId: random.pick(technicians).user.id });
          order.assignedAt = now;
        }
      } else if (roll < 0.44) {
        const candidates = inStatus('assigned', 'reopened');
        if (candidates.length) {
          const order = random.early(candidates);
          const arrivedAt = maybeBackdated(0.3, order.reportedAt, order.assignedAt, order.lastReopenedAt);
          await act(order, 'start', { arrivedAt: iso(arrivedAt) });
          order.arrivedAt ??= arrivedAt;
        }
      } else if (roll < 0.48) {
        const onHold = inStatus('on_hold');
        const working = inStatus('in_progress');
        if (onHold.length && random.chance(0.6)) await act(random.pick(onHold), 'resume');
        else if (working.length) await act(random.pick(working), 'hold', { reason: '等待配件 parts' });
      } else if (roll < 0.62) {
        const candidates = inStatus('in_progress');
        if (candidates.length) {
          const order = random.early(candidates);
          const completedAt = maybeBackdated(0.3, order.arrivedAt ?? now, order.lastReopenedAt);
          await act(order, 'complete', {
            resolution: 'fixed',
            labourMinutes: 10 + random.below(200),
            chargeable: false,
            completedAt: iso(completedAt),
          });
          order.completedAt = completedAt;
          order.firstCompletedAt ??= completedAt;
        }
      } else if (roll < 0.74) {
        const candidates = inStatus('completed');
        if (candidates.length) {
          const order = random.early(candidates);
          const result = random.chance(0.75) ? 'pass' : 'fail';
          const acceptedAt = maybeBackdated(0.3, order.completedAt);
          await act(order, 'accept', { result, by: 'supervisor', acceptedAt: iso(acceptedAt) });
          if (result === 'fail') order.lastReopenedAt = acceptedAt;
        }
      } else if (roll < 0.78) {
        const candidates = inStatus('reported', 'assigned');
        if (candidates.length) await act(random.pick(candidates), 'cancel', { reason: 'duplicate' });
      } else if (roll < 0.84) {
        const candidates = inStatus('reported', 'assigned', 'in_progress', 'on_hold');
        if (candidates.length) {
          const order = random.pick(candidates);
          const current = (await t.http.get(`/api/v1/work-orders/${order.id}`).set(manager.auth)).body
            .priority;
          const priority = random.pick(['urgent', 'routine', 'planned'].filter((value) => value !== current));
          await act(order, 'priority', { priority, reason: 'reassessed' });
        }
      } else if (roll < 0.94) {
        const candidates = orders.filter(
          (order) => order.firstCompletedAt !== null && order.status !== 'cancelled',
        );
        if (candidates.length) {
          const order = random.pick(candidates);
          const visitedAt = maybeBackdated(0.3, order.firstCompletedAt);
          const response = await postAt(t, iso(now), world.frontDesk, `/${order.id}/return-visits`, {
            method: 'phone',
            visitedAt: iso(visitedAt),
          });
          if (response.status !== 201)
            throw new Error(`visit: ${response.status} ${JSON.stringify(response.body)}`);
        }
      } else {
        t.clock.set(iso(now));
        await t.app.get(WorkOrderSlaSweepService).sweep(world.estate.id);
        // the sweep does not bump versions; nothing to track
      }
    }
    return orders;
  }

  it('keeps the same stats as the orders, write by write, through a random history', async () => {
    const world = await workOrderWorld(t);
    const estateId = world.estate.id;
    const technicians = [
      world.technician,
      await t.factory.user('technician', [world.estate]),
      await t.factory.user('technician', [world.estate]),
    ];
    await facts().build(estateId);
    await randomHistory(world, technicians, 20261121, 500);

    const maintained = await storedFacts(estateId);
    const fromFacts = await statsOf(world.manager, estateId);
    const fromOrders = await withoutBuild(estateId, () => statsOf(world.manager, estateId));
    expect(fromFacts).toEqual(fromOrders);
    const rebuilt = await facts().build(estateId);
    expect(await storedFacts(estateId)).toEqual(maintained);
    expect(await statsOf(world.manager, estateId)).toEqual(fromOrders);

    // Not a vacuous history: every kind of figure is there, over several months.
    const months = Object.values(fromOrders) as {
      reported: number;
      overdue: number;
      onTimeRate: { numerator: number; denominator: number };
      firstTimePassRate: { numerator: number; denominator: number };
      returnVisitRate: { numerator: number };
      technicians: unknown[];
    }[];
    const total = (figure: (month: (typeof months)[number]) => number) =>
      months.reduce((sum, month) => sum + figure(month), 0);
    expect(rebuilt.orders).toBeGreaterThan(40);
    expect(months.filter((month) => month.reported > 0).length).toBeGreaterThanOrEqual(3);
    expect(total((month) => month.overdue)).toBeGreaterThan(0);
    expect(total((month) => month.onTimeRate.denominator - month.onTimeRate.numerator)).toBeGreaterThan(0);
    expect(total((month) => month.onTimeRate.numerator)).toBeGreaterThan(0);
    expect(
      total((month) => month.firstTimePassRate.denominator - month.firstTimePassRate.numerator),
    ).toBeGreaterThan(0);
    expect(total((month) => month.returnVisitRate.numerator)).toBeGreaterThan(0);
    expect(Math.max(...months.map((month) => month.technicians.length))).toBe(3);
  }, 240_000);

  it('reads the facts when the estate has them, and the orders otherwise or in another time zone', async () => {
    const world = await workOrderWorld(t);
    const estateId = world.estate.id;
    await randomHistory(world, [world.technician], 7, 60);
    const august = async () =>
      (
        await t.http
          .get('/api/v1/work-orders/stats')
          .query({ estateId, period: '2026-08' })
          .set(world.manager.auth)
          .expect(200)
      ).body;
    // No build: nothing kept, stats from the orders.
    expect(await storedFacts(estateId)).toEqual([]);
    expect((await facts().estatesToBuild()).map((estate) => estate.id)).toContain(estateId);
    const truth = await august();
    expect(truth.reported).toBeGreaterThan(0);

    await facts().build(estateId);
    expect((await facts().estatesToBuild()).map((estate) => estate.id)).not.toContain(estateId);
    expect(await august()).toEqual(truth);
    // The endpoint reads the facts: a tampered row shows (and a rebuild repairs it).
    await t.dataSource.query(
      "UPDATE work_order_monthly_facts SET orders = orders + 100 WHERE estate_id = ? AND period = '2026-08' AND kind = 'reported'",
      [estateId],
    );
    expect((await august()).reported).toBeGreaterThanOrEqual(truth.reported + 100);
    await facts().build(estateId);
    expect(await august()).toEqual(truth);

    // A new time zone: the facts are in the old one, so the stats read the orders until a rebuild.
    await t.http
      .patch(`/api/v1/estates/${estateId}`)
      .set((await t.factory.user('admin')).auth)
      .send({ timeZone: 'America/New_York' })
      .expect(200);
    const inNewYork = await withoutBuild(estateId, august);
    await facts().build(estateId);
    await t.dataSource.query(
      "UPDATE work_order_monthly_facts SET orders = orders + 100 WHERE estate_id = ? AND period = '2026-08' AND kind = 'reported'",
      [estateId],
    );
    await t.http
      .patch(`/api/v1/estates/${estateId}`)
      .set((await t.factory.user('admin')).auth)
      .send({ timeZone: 'Asia/Shanghai' })
      .expect(200);
    expect(await august()).toEqual(truth); // New York facts (tampered) ignored
    await t.http
      .patch(`/api/v1/estates/${estateId}`)
      .set((await t.factory.user('admin')).auth)
      .send({ timeZone: 'America/New_York' })
      .expect(200);
    await facts().build(estateId);
    expect(await august()).toEqual(inNewYork);
    expect(inNewYork.periodStart).toBe('2026-08-01T04:00:00.000Z');
  });

  it('keeps the facts exact under concurrent writers', async () => {
    const world = await workOrderWorld(t);
    const estateId = world.estate.id;
    const { manager } = world;
    await facts().build(estateId);
    t.clock.set('2026-10-10T02:00:00.000Z');
    const create = () =>
      t.http
        .post('/api/v1/work-orders')
        .set(manager.auth)
        .send({
          estateId,
          unitId: world.unit.id,
          category: 'plumbing',
          priority: 'urgent',
          channel: 'phone',
          description: 'concurrent',
        })
        .expect(201)
        .then((response) => response.body.id as string);
    const ids = await Promise.all(Array.from({ length: 12 }, create));
    const step = (path: string, body: Record<string, unknown> = {}) =>
      Promise.all(
        ids.map((id) => t.http.post(`/api/v1/work-orders/${id}/${path}`).set(manager.auth).send(body)),
      );
    const statuses = (responses: { status: number }[]) => responses.map((response) => response.status);
    expect(statuses(await step('assign', { assigneeId: world.technician.user.id }))).toEqual(
      ids.map(() => 200),
    );
    expect(statuses(await step('start'))).toEqual(ids.map(() => 200));
    // completions, more intake and return visits at once
    const [completed, more] = await Promise.all([
      step('complete', { resolution: 'ok', labourMinutes: 30, chargeable: false }),
      Promise.all(Array.from({ length: 6 }, create)),
    ]);
    expect(statuses(completed)).toEqual(ids.map(() => 200));
    expect(more).toHaveLength(6);
    const visits = await Promise.all(
      ids.flatMap((id) =>
        [1, 2].map(() =>
          t.http.post(`/api/v1/work-orders/${id}/return-visits`).set(manager.auth).send({ method: 'phone' }),
        ),
      ),
    );
    expect(visits.map((response) => response.status)).toEqual(visits.map(() => 201));

    const maintained = await storedFacts(estateId);
    await facts().build(estateId);
    expect(await storedFacts(estateId)).toEqual(maintained);
    const october = maintained.filter((row) => row.period === '2026-10');
    expect(october.find((row) => row.kind === 'completed')).toMatchObject({ orders: '12', visited: '12' });
    expect(
      october.filter((row) => row.kind === 'reported').reduce((sum, row) => sum + Number(row.orders), 0),
    ).toBe(18);
  });
});
