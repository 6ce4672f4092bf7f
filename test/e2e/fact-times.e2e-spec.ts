import { Estate, Unit } from '@estate/estates';
import type { Response } from 'supertest';
import { TestUser } from '../support/factories';
import { createFeeItem, pay } from '../support/fees-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 22 item 1: every action that records a real-world event accepts the time it happened, under
 * one rule (libs/shared/src/time/fact-time.ts, docs/api.md "Times of facts"). Each action is run
 * through the same boundaries, on its own records:
 *
 * - now N = 2026-11-10T02:00Z; the previous step happened at P = 2026-11-01T00:00Z (more than 7 days
 *   back, so the back-dating boundary lies after it);
 * - N + 5 min + 1 ms → 400 TIME_IN_FUTURE; P − 1 ms → 400 TIME_BEFORE_PREVIOUS_STEP;
 *   N − 7 days − 1 ms = 2026-11-03T01:59:59.999Z → 422 TIME_TOO_FAR_BACK;
 *   N − 7 days = 2026-11-03T02:00:00.000Z → accepted and stored as sent, entered at N in the audit;
 * - closed month: previous step at 2026-10-31T00:00Z (08:00 local on 31 October), October closed,
 *   now 2026-11-05T02:00Z; the fact dated 2026-10-31T12:00Z (20:00 local, October) → 422 PERIOD_CLOSED
 *   naming 2026-10; dated 2026-10-31T16:00Z (00:00 local on 1 November) → accepted;
 * - an estate with settings.facts.maxBackdateDays = 0: N − 1 ms → 422 TIME_TOO_FAR_BACK; left out → now.
 */
const N = '2026-11-10T02:00:00.000Z';
const P = '2026-11-01T00:00:00.000Z';
const CLOSED_NOW = '2026-11-05T02:00:00.000Z';
const CLOSED_PREVIOUS = '2026-10-31T00:00:00.000Z';

interface World {
  estate: Estate;
  unit: Unit;
  admin: TestUser;
  manager: TestUser;
  technician: TestUser;
  frontDesk: TestUser;
  finance: TestUser;
}

type Sender = (fields: Record<string, unknown>) => Promise<Response>;

interface FactAction {
  name: string;
  field: string;
  /** false: the first step of a record, nothing to be before */
  hasPreviousStep: boolean;
  /** Makes the record up to the step before this action, that step happening at `previousAt`. */
  prepare(world: World, previousAt: string): Promise<Sender>;
  /** The stored time of the fact, read back after a successful send. */
  stored(world: World, response: Response): Promise<string>;
}

describe('times of facts (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: P });
  }, 60_000);
  afterAll(async () => t.close());

  const world = async (settings: Record<string, unknown> | null = null): Promise<World> => {
    const estate = await t.factory.estate({ settings });
    const unit = await t.factory.unit(estate);
    await t.factory.resident(unit, { moveInDate: '2020-01-01' });
    return {
      estate,
      unit,
      admin: await t.factory.user('admin'),
      manager: await t.factory.user('manager', [estate]),
      technician: await t.factory.user('technician', [estate]),
      frontDesk: await t.factory.user('front_desk', [estate]),
      finance: await t.factory.user('finance', [estate]),
    };
  };
  const at = async <T>(instant: string, work: () => Promise<T>): Promise<T> => {
    t.clock.set(instant);
    return work();
  };
  const post = (user: TestUser, path: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1${path}`).set(user.auth).send(body);
  const ok = async (response: Promise<Response> | Response): Promise<Response> => {
    const done = await response;
    if (done.status >= 300) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done;
  };

  // --- work orders ----------------------------------------------------------------------------------

  const intake = (w: World, extra: Record<string, unknown> = {}) =>
    post(w.frontDesk, '/work-orders', {
      estateId: w.estate.id,
      unitId: w.unit.id,
      category: 'plumbing',
      priority: 'routine',
      channel: 'phone',
      description: '厨房漏水',
      ...extra,
    });
  /** An order reported and assigned at `previousAt` (the clock is left there). */
  const assignedOrder = async (w: World, previousAt: string): Promise<string> => {
    t.clock.set(previousAt);
    const order = (await ok(intake(w))).body.id as string;
    await ok(post(w.frontDesk, `/work-orders/${order}/assign`, { assigneeId: w.technician.user.id }));
    return order;
  };
  const orderField = async (w: World, id: string, field: string): Promise<string> =>
    (await ok(t.http.get(`/api/v1/work-orders/${id}`).set(w.manager.auth))).body[field];
  const complete = (w: World, id: string, extra: Record<string, unknown> = {}) =>
    post(w.technician, `/work-orders/${id}/complete`, {
      resolution: '换阀门',
      labourMinutes: 30,
      chargeable: false,
      ...extra,
    });

  const ACTIONS: FactAction[] = [
    {
      name: 'work order intake (reportedAt)',
      field: 'reportedAt',
      hasPreviousStep: false,
      prepare: async (w) => (fields) => intake(w, fields),
      stored: async (w, response) => orderField(w, response.body.id, 'reportedAt'),
    },
    {
      name: 'work order arrival (POST /start arrivedAt)',
      field: 'arrivedAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        const id = await assignedOrder(w, previousAt);
        return (fields) => post(w.technician, `/work-orders/${id}/start`, fields);
      },
      stored: async (w, response) => orderField(w, response.body.id, 'arrivedAt'),
    },
    {
      name: 'work order completion (completedAt)',
      field: 'completedAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        const id = await assignedOrder(w, previousAt);
        await ok(post(w.technician, `/work-orders/${id}/start`));
        return (fields) => complete(w, id, fields);
      },
      stored: async (w, response) => orderField(w, response.body.id, 'completedAt'),
    },
    {
      name: 'work order acceptance (POST /accept acceptedAt)',
      field: 'acceptedAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        const id = await assignedOrder(w, previousAt);
        await ok(post(w.technician, `/work-orders/${id}/start`));
        await ok(complete(w, id));
        return (fields) =>
          post(w.manager, `/work-orders/${id}/accept`, { result: 'pass', by: 'supervisor', ...fields });
      },
      stored: async (w, response) => {
        // a pass closes the order at the acceptance time (KPI #3 reads closedAt)
        expect(await orderField(w, response.body.id, 'closedAt')).toBe(
          await orderField(w, response.body.id, 'acceptedAt'),
        );
        return orderField(w, response.body.id, 'acceptedAt');
      },
    },
    {
      name: 'work order return visit (visitedAt)',
      field: 'visitedAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        const id = await assignedOrder(w, previousAt);
        await ok(post(w.technician, `/work-orders/${id}/start`));
        await ok(complete(w, id));
        return (fields) =>
          post(w.frontDesk, `/work-orders/${id}/return-visits`, { method: 'phone', ...fields });
      },
      stored: async (_w, response) => response.body.visitedAt,
    },
  ];

  // --- fees -----------------------------------------------------------------------------------------

  /** The unit's management-fee bill of the month of `previousAt`, billed at `previousAt`. */
  const billOf = async (w: World, previousAt: string): Promise<string> => {
    t.clock.set(previousAt);
    const period = previousAt < '2026-10-31T16:00:00.000Z' ? '2026-10' : '2026-11';
    const items = await ok(t.http.get(`/api/v1/fee-items?estateId=${w.estate.id}`).set(w.finance.auth));
    if ((Array.isArray(items.body) ? items.body : items.body.items).length === 0)
      await createFeeItem(t, w.finance, w.estate, { basis: 'per_unit', priceCentiFen: 1_000_000 });
    await ok(post(w.finance, '/billing-runs', { estateId: w.estate.id, period }));
    const bills = await ok(
      t.http
        .get(`/api/v1/bills?estateId=${w.estate.id}&unitId=${w.unit.id}&period=${period}`)
        .set(w.finance.auth),
    );
    return bills.body.items[0].id;
  };

  ACTIONS.push(
    {
      name: 'payment (paidAt)',
      field: 'paidAt',
      hasPreviousStep: false,
      prepare: async (w) => (fields) => pay(t, w.finance, w.unit, 5000, fields),
      stored: async (_w, response) => response.body.paidAt,
    },
    {
      name: 'payment reversal (effectiveAt)',
      field: 'effectiveAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        t.clock.set(previousAt);
        const payment = (await ok(pay(t, w.finance, w.unit, 5000))).body.id;
        return (fields) => post(w.finance, `/payments/${payment}/reverse`, { reason: '银行退票', ...fields });
      },
      stored: async (_w, response) => response.body.reversedAt,
    },
    {
      name: 'waiver (effectiveAt)',
      field: 'effectiveAt',
      hasPreviousStep: true,
      prepare: async (w, previousAt) => {
        const bill = await billOf(w, previousAt);
        return (fields) =>
          post(w.manager, `/bills/${bill}/adjustments`, { amountFen: 100, reason: '困难减免', ...fields });
      },
      stored: async (_w, response) => response.body.approvedAt,
    },
  );

  // --- complaints -----------------------------------------------------------------------------------

  const complaintIntake = (w: World, extra: Record<string, unknown> = {}) =>
    post(w.frontDesk, '/complaints', {
      estateId: w.estate.id,
      unitId: w.unit.id,
      channel: 'phone',
      categories: ['cleanliness'],
      description: '楼道垃圾三天未清理',
      ...extra,
    });
  const complaintField = async (w: World, id: string, field: string): Promise<string> =>
    (await ok(t.http.get(`/api/v1/complaints/${id}`).set(w.manager.auth))).body[field];
  /** A complaint received at `previousAt` and taken through `steps`, each also at `previousAt`. */
  const complaintUpTo = async (
    w: World,
    previousAt: string,
    steps: ('judge' | 'assign' | 'resolve' | 'follow_up')[],
  ): Promise<string> => {
    t.clock.set(previousAt);
    const id = (await ok(complaintIntake(w))).body.id as string;
    const bodies = {
      judge: { validity: 'valid' },
      assign: { department: '保洁部' },
      resolve: { resolution: '已清理' },
      follow_up: { satisfaction: 'satisfied' },
    };
    for (const step of steps)
      await ok(post(w.manager, `/complaints/${id}/${step.replace('_', '-')}`, bodies[step]));
    return id;
  };
  const complaintStep = (
    name: string,
    field: string,
    before: ('judge' | 'assign' | 'resolve' | 'follow_up')[],
    path: string,
    body: Record<string, unknown>,
  ): FactAction => ({
    name,
    field,
    hasPreviousStep: true,
    prepare: async (w, previousAt) => {
      const id = await complaintUpTo(w, previousAt, before);
      return (fields) => post(w.manager, `/complaints/${id}/${path}`, { ...body, ...fields });
    },
    stored: async (w, response) => complaintField(w, response.body.id, field),
  });

  ACTIONS.push(
    {
      name: 'complaint intake (receivedAt)',
      field: 'receivedAt',
      hasPreviousStep: false,
      prepare: async (w) => (fields) => complaintIntake(w, fields),
      stored: async (w, response) => complaintField(w, response.body.id, 'receivedAt'),
    },
    complaintStep('complaint judgement (judgedAt)', 'judgedAt', [], 'judge', { validity: 'valid' }),
    complaintStep('complaint resolution (resolvedAt)', 'resolvedAt', ['judge', 'assign'], 'resolve', {
      resolution: '已清理',
    }),
    complaintStep(
      'complaint follow-up (followedUpAt)',
      'followedUpAt',
      ['judge', 'assign', 'resolve'],
      'follow-up',
      {
        satisfaction: 'satisfied',
      },
    ),
    complaintStep(
      'complaint closing (closedAt)',
      'closedAt',
      ['judge', 'assign', 'resolve', 'follow_up'],
      'close',
      {},
    ),
  );

  const codeOf = (response: Response) => ({ status: response.status, code: response.body.code });

  describe.each(ACTIONS.map((action) => [action.name, action] as const))('%s', (_name, action) => {
    it('refuses the future beyond the skew, before the previous step and 7 days + 1 ms back; takes exactly 7 days back', async () => {
      const w = await world();
      const send = await action.prepare(w, P);
      t.clock.set(N);
      expect(codeOf(await send({ [action.field]: '2026-11-10T02:05:00.001Z' }))).toEqual({
        status: 400,
        code: 'TIME_IN_FUTURE',
      });
      if (action.hasPreviousStep)
        expect(codeOf(await send({ [action.field]: '2026-10-31T23:59:59.999Z' }))).toEqual({
          status: 400,
          code: 'TIME_BEFORE_PREVIOUS_STEP',
        });
      const tooFar = await send({ [action.field]: '2026-11-03T01:59:59.999Z' });
      expect(codeOf(tooFar)).toEqual({ status: 422, code: 'TIME_TOO_FAR_BACK' });
      expect(tooFar.body.message).toContain('7 days');
      const accepted = await ok(send({ [action.field]: '2026-11-03T02:00:00.000Z' }));
      expect(await action.stored(w, accepted)).toBe('2026-11-03T02:00:00.000Z');
    });

    it('refuses a time in a closed month, naming it; the first instant of the next month is open', async () => {
      const w = await world();
      const send = await action.prepare(w, CLOSED_PREVIOUS);
      const again = await action.prepare(w, CLOSED_PREVIOUS);
      await at(CLOSED_NOW, () => ok(post(w.admin, `/kpi/periods/${w.estate.id}/2026-10/close`)));
      const closed = await send({ [action.field]: '2026-10-31T12:00:00.000Z' });
      expect(codeOf(closed)).toEqual({ status: 422, code: 'PERIOD_CLOSED' });
      expect(closed.body.message).toContain('2026-10');
      expect(closed.body.details).toMatchObject({ period: '2026-10', field: action.field });
      const open = await ok(again({ [action.field]: '2026-10-31T16:00:00.000Z' }));
      expect(await action.stored(w, open)).toBe('2026-10-31T16:00:00.000Z');
    });

    it('with maxBackdateDays 0 refuses any back-dating and records now when the time is left out', async () => {
      const w = await world({ facts: { maxBackdateDays: 0 } });
      const send = await action.prepare(w, P);
      t.clock.set(N);
      expect(codeOf(await send({ [action.field]: '2026-11-10T01:59:59.999Z' }))).toEqual({
        status: 422,
        code: 'TIME_TOO_FAR_BACK',
      });
      const accepted = await ok(send({}));
      expect(await action.stored(w, accepted)).toBe(N);
    });
  });

  it('keeps when an arrival was entered and by whom beside when it happened (a paper job sheet)', async () => {
    const w = await world();
    const id = await assignedOrder(w, '2026-11-09T01:00:00.000Z');
    // on site at 09:20 local on 9 November, typed in the next morning at 10:00 local
    await at(N, () =>
      ok(post(w.technician, `/work-orders/${id}/start`, { arrivedAt: '2026-11-09T01:20:00.000Z' })),
    );
    const detail = (await ok(t.http.get(`/api/v1/work-orders/${id}`).set(w.manager.auth))).body;
    expect(detail.arrivedAt).toBe('2026-11-09T01:20:00.000Z');
    const start = detail.history.find((entry: { action: string }) => entry.action === 'start');
    expect(start).toMatchObject({ at: N, actorName: w.technician.user.displayName });
    expect(start.details).toMatchObject({ arrivedAt: '2026-11-09T01:20:00.000Z' });
  });
});
