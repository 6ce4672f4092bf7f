import { Estate, Unit } from '@estate/estates';
import { uuidV7 } from '@estate/shared';
import { DateTime } from 'luxon';
import { createConnection, Connection, RowDataPacket } from 'mysql2/promise';
import { ApiProcess, startApiProcess, waitFor } from '../support/api-process';
import { TestUser } from '../support/factories';
import { createTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { isMysqlRun } from '../support/test-database';

/**
 * Several API processes on one MySQL database with every schedule on (issue #10, "Several
 * instances"). Real processes (ts-node, as an operator starts them), real clock: each process runs
 * its start-up catch-up of the billing run, asset task generation, SLA sweep and monthly report at
 * the same moment, which is the worst race the cron ticks can produce. Expected figures are counted
 * from what the test seeded, not from the code under test.
 */
const ZONE = 'Asia/Shanghai';
const describeMysql = isMysqlRun() ? describe : describe.skip;
if (!isMysqlRun())
  console.info(
    'instances.e2e-spec: skipped on SQLite — several API processes need a shared MySQL database (run with --mysql)',
  );

async function sql(url: string): Promise<Connection> {
  return createConnection({ uri: url, timezone: 'Z' });
}

async function rows<T>(connection: Connection, text: string, values: unknown[] = []): Promise<T[]> {
  const [result] = await connection.query<RowDataPacket[]>(text, values);
  return result as T[];
}

async function count(connection: Connection, text: string, values: unknown[] = []): Promise<number> {
  const [first] = await rows<{ n: number | string }>(connection, text, values);
  return Number(first.n);
}

/**
 * The processes compute their job keys (billing period, today's date, the report due from 03:00 on
 * the 2nd) from the real clock when they start, and the test from the real clock afterwards. Rather
 * than risk a local midnight (or the report's due time) falling in between, wait for it to pass when
 * it is less than WINDOW away. Rare: the test then takes up to WINDOW longer.
 */
const BOUNDARY_WINDOW_MS = 12 * 60_000;
async function clearOfDateBoundaries(zone: string): Promise<void> {
  const now = DateTime.now().setZone(zone);
  const boundaries = [now.plus({ days: 1 }).startOf('day'), now.set({ day: 2, hour: 3 }).startOf('hour')];
  const next = boundaries
    .map((boundary) => boundary.toMillis() - now.toMillis())
    .filter((wait) => wait > 0 && wait < BOUNDARY_WINDOW_MS);
  if (next.length) await new Promise((resolve) => setTimeout(resolve, Math.max(...next) + 60_000));
}

/** Seeds through an in-process app on the test database, then closes it (the database stays). */
async function seedingApp(now: string): Promise<TestApp> {
  return createTestApp({ now });
}

async function createUnits(t: TestApp, estate: Estate, total: number): Promise<void> {
  const building = await t.factory.building(estate);
  const now = new Date();
  for (let start = 0; start < total; start += 500) {
    const values = [];
    for (let index = start; index < Math.min(total, start + 500); index++)
      values.push({
        id: uuidV7(),
        createdAt: now,
        updatedAt: now,
        estateId: estate.id,
        buildingId: building.id,
        number: `${index + 1}`,
        floor: 1,
        floorAreaHundredths: 10000,
        type: 'residential' as const,
      });
    await t.dataSource.createQueryBuilder().insert().into(Unit).values(values).execute();
  }
}

async function feeItem(t: TestApp, finance: TestUser, estate: Estate, name: string, priceCentiFen: number) {
  const response = await t.http
    .post('/api/v1/fee-items')
    .set(finance.auth)
    .send({
      estateId: estate.id,
      name,
      category: 'management_fee',
      basis: 'per_unit',
      priceCentiFen,
      unitTypes: ['residential'],
      activeFrom: '2026-01',
    });
  if (response.status !== 201)
    throw new Error(`fee item: ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * Out of a date boundary's way, a test database seeded through an in-process app (clock at
 * `seededAt`) with an estate in ZONE, `units` units and two monthly fee items (app still open).
 */
async function billableEstate(
  seededAt: Date,
  units: number,
): Promise<{ t: TestApp; url: string; estate: Estate }> {
  await clearOfDateBoundaries(ZONE);
  const t = await seedingApp(seededAt.toISOString());
  const estate = await t.factory.estate({ timeZone: ZONE });
  await createUnits(t, estate, units);
  const finance = await t.factory.user('finance', [estate]);
  await feeItem(t, finance, estate, '物业管理费', 150_000);
  await feeItem(t, finance, estate, '垃圾清运费', 2_000);
  return { t, url: t.database.url!, estate };
}

describeMysql('several API processes on one MySQL database (e2e)', () => {
  describe('three instances starting together with every schedule on', () => {
    const UNITS = 40;
    const ITEMS = 2;
    const WORK_ORDERS = 3;
    const WELLS = 3;
    let t: TestApp;
    let url: string;
    let db: Connection;
    let estate: Estate;
    const processes: ApiProcess[] = [];

    beforeAll(
      async () => {
        // Seeded as if three days ago, so the urgent work orders are past both SLA deadlines now.
        ({ t, url, estate } = await billableEstate(new Date(Date.now() - 3 * 86_400_000), UNITS));
        const frontDesk = await t.factory.user('front_desk', [estate]);
        const [unit] = await t.dataSource.query('SELECT id FROM units WHERE estate_id = ? LIMIT 1', [
          estate.id,
        ]);
        for (let index = 0; index < WORK_ORDERS; index++) {
          const response = await t.http
            .post('/api/v1/work-orders')
            .set(frontDesk.auth)
            .send({
              estateId: estate.id,
              unitId: unit.id,
              category: 'plumbing',
              priority: 'urgent',
              channel: 'phone',
              description: `漏水 leak ${index}`,
              reporterName: '王先生',
              reporterPhone: '13812345678',
            });
          if (response.status !== 201) throw new Error(`work order: ${JSON.stringify(response.body)}`);
        }
        const technician = await t.factory.user('technician', [estate]);
        for (let index = 0; index < WELLS; index++) {
          const response = await t.http
            .post('/api/v1/assets')
            .set(technician.auth)
            .send({
              estateId: estate.id,
              code: `rw${index}`,
              name: `雨水井${index}`,
              categoryCode: 'rainwater_well',
              measure: 1,
              measureUnit: 'count',
              initialCondition: 'good',
            });
          if (response.status !== 201) throw new Error(`asset: ${JSON.stringify(response.body)}`);
        }
        // plans are managed by a manager (issue #22 finding 11)
        const planner = await t.factory.user('manager', [estate]);
        const plan = await t.http
          .post('/api/v1/inspection-plans')
          .set(planner.auth)
          .send({
            estateId: estate.id,
            name: '雨水井日巡',
            categoryCode: 'rainwater_well',
            checklist: [{ id: 'cover', label: '井盖完好' }],
            recurrence: { frequency: 'daily' },
            startDate: '2026-01-01',
            assigneeRole: 'technician',
          });
        if (plan.status !== 201) throw new Error(`plan: ${JSON.stringify(plan.body)}`);
        await t.app.close();
        db = await sql(url);
        const environment = {
          DATABASE_URL: url,
          JWT_SECRET: TEST_JWT_SECRET,
          SCHEDULER_ENABLED: 'true',
          DATABASE_POOL_SIZE: '5',
        };
        processes.push(
          ...(await Promise.all(
            [1, 2, 3].map(() => startApiProcess(environment, { readyTimeoutMs: 170_000 })),
          )),
        );
      },
      240_000 + BOUNDARY_WINDOW_MS + 60_000,
    );

    afterAll(async () => {
      await Promise.all(processes.map((child) => child.kill()));
      await db?.end();
      await t?.database.drop();
    }, 60_000);

    it('runs the billing run, SLA sweep, task generation and monthly report once per key', async () => {
      const now = DateTime.now().setZone(ZONE);
      const period = now.toFormat('yyyy-MM');
      const previous = now.minus({ months: 1 }).toFormat('yyyy-MM');
      const today = now.toISODate()!;
      const keys: [string, string][] = [
        ['billing-run', `${estate.id}:${period}`],
        ['assets.task-generation', `${estate.id}:${today}`],
        ['monthly-report', `${estate.id}:${previous}`],
      ];
      const reportDue = now >= now.set({ day: 2, hour: 3, minute: 0, second: 0, millisecond: 0 });
      if (!reportDue) keys.pop(); // on the 1st (or the 2nd before 03:00 local) no report is due yet
      await waitFor(
        'every scheduled job to finish',
        async () => {
          const finished = await count(
            db,
            `SELECT COUNT(*) AS n FROM job_runs WHERE status = 'succeeded' AND (${keys
              .map(() => '(job_name = ? AND business_key = ?)')
              .join(' OR ')})`,
            keys.flat(),
          );
          const sweeps = await count(
            db,
            "SELECT COUNT(*) AS n FROM job_runs WHERE job_name = 'work-orders.sla-sweep' AND status = 'succeeded'",
          );
          return finished === keys.length && sweeps >= 1;
        },
        150_000,
        250,
      );

      // The ledger: each key once, first attempt, nothing failed or left running.
      const ledger = await rows<{ job_name: string; business_key: string; status: string; attempts: number }>(
        db,
        'SELECT job_name, business_key, status, attempts FROM job_runs ORDER BY job_name',
      );
      for (const [job, key] of keys)
        expect(ledger.filter((run) => run.job_name === job && run.business_key === key)).toEqual([
          { job_name: job, business_key: key, status: 'succeeded', attempts: 1 },
        ]);
      expect(ledger.filter((run) => run.status !== 'succeeded')).toEqual([]);
      expect(ledger.every((run) => Number(run.attempts) === 1)).toBe(true);
      const owners = await rows<{ owner: string }>(db, 'SELECT DISTINCT owner FROM job_runs');
      expect(owners.length).toBeGreaterThanOrEqual(1);

      // Billing: one billing-run record, one bill per unit × item, no duplicate key.
      expect(
        await count(db, 'SELECT COUNT(*) AS n FROM billing_runs WHERE estate_id = ? AND period = ?', [
          estate.id,
          period,
        ]),
      ).toBe(1);
      expect(
        await count(db, 'SELECT COUNT(*) AS n FROM bills WHERE estate_id = ? AND period = ?', [
          estate.id,
          period,
        ]),
      ).toBe(UNITS * ITEMS);
      expect(
        await count(
          db,
          'SELECT COUNT(*) AS n FROM (SELECT unit_id, fee_item_id FROM bills WHERE period = ? GROUP BY unit_id, fee_item_id HAVING COUNT(*) > 1) d',
          [period],
        ),
      ).toBe(0);

      // SLA sweep: each overdue order escalated once per missed deadline (arrival and completion).
      const escalations = await rows<{ entity_id: string; kind: string; n: number }>(
        db,
        "SELECT entity_id, JSON_UNQUOTE(JSON_EXTRACT(details, '$.kind')) AS kind, COUNT(*) AS n FROM audit_entries WHERE estate_id = ? AND action = 'escalate' GROUP BY entity_id, kind",
        [estate.id],
      );
      expect(escalations).toHaveLength(WORK_ORDERS * 2);
      expect(escalations.every((row) => Number(row.n) === 1)).toBe(true);

      // Task generation: one task per well for today.
      expect(
        await count(db, 'SELECT COUNT(*) AS n FROM asset_tasks WHERE estate_id = ? AND due_date = ?', [
          estate.id,
          today,
        ]),
      ).toBe(WELLS);

      // Monthly report: one scheduled report for last month.
      if (reportDue)
        expect(
          await count(db, 'SELECT COUNT(*) AS n FROM monthly_reports WHERE estate_id = ? AND period = ?', [
            estate.id,
            previous,
          ]),
        ).toBe(1);
    }, 180_000);
  });

  describe('an instance killed in the middle of a billing run', () => {
    const UNITS = 6000;
    const ITEMS = 2;
    const LEASE_SECONDS = 5;
    let t: TestApp;
    let url: string;
    let db: Connection;
    let estate: Estate;
    const processes: ApiProcess[] = [];

    beforeAll(
      async () => {
        ({ t, url, estate } = await billableEstate(new Date(), UNITS));
        await t.app.close();
        db = await sql(url);
      },
      240_000 + BOUNDARY_WINDOW_MS + 60_000,
    );

    afterAll(async () => {
      await Promise.all(processes.map((child) => child.kill()));
      await db?.end();
      await t?.database.drop();
    }, 60_000);

    it('lets another instance finish the run after the lease expires: no duplicate, no missing bill', async () => {
      const period = DateTime.now().setZone(ZONE).toFormat('yyyy-MM');
      const key = `${estate.id}:${period}`;
      const environment = {
        DATABASE_URL: url,
        JWT_SECRET: TEST_JWT_SECRET,
        SCHEDULER_ENABLED: 'true',
        JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        DATABASE_POOL_SIZE: '5',
      };
      processes.push(
        ...(await Promise.all([1, 2].map(() => startApiProcess(environment, { readyTimeoutMs: 170_000 })))),
      );

      // Whichever instance won the run: wait until it has committed some bills, then SIGKILL it.
      const holder = await waitFor(
        'the billing run to be under way',
        async () => {
          const [run] = await rows<{ owner: string; status: string }>(
            db,
            'SELECT owner, status FROM job_runs WHERE job_name = ? AND business_key = ?',
            ['billing-run', key],
          );
          if (!run || run.status !== 'running') return null;
          const bills = await count(db, 'SELECT COUNT(*) AS n FROM bills WHERE estate_id = ?', [estate.id]);
          return bills > 0 ? run.owner : null;
        },
        150_000,
        20,
      );
      const victim = processes.find((child) => holder.split(':')[1] === String(child.pid))!;
      const survivor = processes.find((child) => child !== victim)!;
      expect(victim).toBeDefined();
      victim.child.kill('SIGKILL');
      await victim.exited;
      const billsAtKill = await count(db, 'SELECT COUNT(*) AS n FROM bills WHERE estate_id = ?', [estate.id]);
      expect(billsAtKill).toBeGreaterThan(0);
      expect(billsAtKill).toBeLessThan(UNITS * ITEMS); // killed mid-run, not after it

      // The survivor takes the run over once the dead holder's lease has run out, and finishes it.
      const killedAt = Date.now();
      const finished = await waitFor(
        'the survivor to finish the billing run',
        async () => {
          const [run] = await rows<{ owner: string; status: string; attempts: number }>(
            db,
            'SELECT owner, status, attempts FROM job_runs WHERE job_name = ? AND business_key = ?',
            ['billing-run', key],
          );
          return run?.status === 'succeeded' ? run : null;
        },
        120_000,
        200,
      );
      const tookOverAfterMs = Date.now() - killedAt;
      expect(finished.owner.split(':')[1]).toBe(String(survivor.pid));
      expect(Number(finished.attempts)).toBe(2);
      expect(survivor.output()).toContain('Took over billing-run');
      expect(tookOverAfterMs).toBeGreaterThanOrEqual(0);

      // Every bill exactly once, each under an existing billing-run record.
      expect(await count(db, 'SELECT COUNT(*) AS n FROM bills WHERE estate_id = ?', [estate.id])).toBe(
        UNITS * ITEMS,
      );
      expect(
        await count(
          db,
          'SELECT COUNT(*) AS n FROM (SELECT unit_id, fee_item_id FROM bills WHERE period = ? GROUP BY unit_id, fee_item_id HAVING COUNT(*) > 1) d',
          [period],
        ),
      ).toBe(0);
      expect(
        await count(
          db,
          'SELECT COUNT(*) AS n FROM bills b LEFT JOIN billing_runs r ON r.id = b.billing_run_id WHERE b.estate_id = ? AND r.id IS NULL',
          [estate.id],
        ),
      ).toBe(0);
      // The dead instance's record is marked abandoned; the successor's counts add up to the whole run.
      const runs = await rows<{
        status: string;
        bills_created: number;
        bills_existing: number;
        error: string | null;
      }>(
        db,
        'SELECT status, bills_created, bills_existing, error FROM billing_runs WHERE estate_id = ? AND period = ? ORDER BY started_at',
        [estate.id, period],
      );
      expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
      expect(runs[0].error).toMatch(/Abandoned/);
      expect(Number(runs[1].bills_created) + Number(runs[1].bills_existing)).toBe(UNITS * ITEMS);
      expect(Number(runs[1].bills_existing)).toBeGreaterThanOrEqual(billsAtKill);
      console.info(
        `kill test: ${billsAtKill} of ${UNITS * ITEMS} bills committed at SIGKILL; run finished by the survivor ${tookOverAfterMs} ms later (lease ${LEASE_SECONDS} s)`,
      );
    }, 300_000);
  });
});
