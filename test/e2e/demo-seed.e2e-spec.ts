import { createHash } from 'node:crypto';
import { DEMO_LOGINS, DEMO_PASSWORD, DemoSeedService } from '@estate/demo';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The demo estate (what `npm start` seeds on an empty embedded database): the registry, one login
 * per role, and six months of activity up to the clock, so last month's scorecard, work-order stats
 * and fee collection show real figures. Expected figures are counted from the seeded rows by SQL.
 */
describe('demo seed with activity (e2e)', () => {
  jest.setTimeout(180_000);
  // 21 November 2026, 10:00 in Shanghai: the activity runs from June to today; last month is October.
  const NOW = '2026-11-21T02:00:00.000Z';
  const NOW_SQL = '2026-11-21 02:00:00.000';
  const TODAY = '2026-11-21';
  // October 2026 in Asia/Shanghai (UTC+8), as stored instants.
  const OCTOBER = ['2026-09-30 16:00:00.000', '2026-10-31 16:00:00.000'];
  let t: TestApp;
  let estateId: string;
  let seedSeconds: number;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    const started = Date.now();
    ({ estateId } = await t.app.get(DemoSeedService).seed());
    seedSeconds = (Date.now() - started) / 1000;
  });
  afterAll(async () => t?.close());

  const one = async (sql: string, parameters: unknown[] = []) =>
    Number(Object.values(((await t.dataSource.query(sql, parameters)) as Record<string, unknown>[])[0])[0]);

  async function login(username: string): Promise<{ authorization: string }> {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username, password: DEMO_PASSWORD })
      .expect(200);
    return { authorization: `Bearer ${response.body.accessToken}` };
  }

  async function userId(username: string): Promise<string> {
    const [row] = (await t.dataSource.query('SELECT id FROM users WHERE username = ?', [username])) as {
      id: string;
    }[];
    return row.id;
  }

  it('seeds in seconds, and every demo login signs in and is a member of the estate', async () => {
    console.log(`demo seed: ${seedSeconds.toFixed(1)} s (${t.database.dialect})`);
    expect(seedSeconds).toBeLessThan(60);
    for (const { username } of DEMO_LOGINS) {
      await login(username);
      expect(
        await one('SELECT COUNT(*) FROM estate_memberships WHERE user_id = ? AND estate_id = ?', [
          await userId(username),
          estateId,
        ]),
      ).toBe(1);
    }
  });

  it('dates nothing after the clock', async () => {
    const instants: [string, string][] = [
      ['work_orders', 'reported_at'],
      ['work_orders', 'assigned_at'],
      ['work_orders', 'arrived_at'],
      ['work_orders', 'first_completed_at'],
      ['work_orders', 'completed_at'],
      ['work_orders', 'closed_at'],
      ['work_orders', 'cancelled_at'],
      ['work_orders', 'completion_overdue_at'],
      ['work_orders', 'arrival_overdue_at'],
      ['work_order_return_visits', 'visited_at'],
      ['payments', 'paid_at'],
      ['fee_allocations', 'paid_at'],
      ['asset_condition_records', 'recorded_at'],
      ['assets', 'decommissioned_at'],
      ['safety_incidents', 'occurred_at'],
      ['safety_incidents', 'handled_at'],
      ['cleaning_inspections', 'inspected_at'],
      ['cleaning_logs', 'finished_at'],
      ['patrol_rounds', 'finished_at'],
      ['patrol_scans', 'scanned_at'],
      ['patrol_missed_slots', 'detected_at'],
      ['complaints', 'received_at'],
      ['complaints', 'judged_at'],
      ['complaints', 'resolved_at'],
      ['survey_responses', 'collected_at'],
    ];
    for (const [table, column] of instants) {
      const rows = await one(`SELECT COUNT(*) FROM ${table} WHERE estate_id = ?`, [estateId]);
      expect({ table, rows: rows > 0 }).toEqual({ table, rows: true });
      const late = await one(`SELECT COUNT(*) FROM ${table} WHERE estate_id = ? AND ${column} > ?`, [
        estateId,
        NOW_SQL,
      ]);
      expect({ table, column, late }).toEqual({ table, column, late: 0 });
    }
    for (const [table, column] of [
      ['staff_trainings', 'trained_on'],
      ['staff_members', 'left_at'],
    ])
      expect(
        await one(`SELECT COUNT(*) FROM ${table} WHERE estate_id = ? AND ${column} > ?`, [estateId, TODAY]),
      ).toBe(0);
    // The months generated: June to November (today), nothing before.
    expect(
      await one('SELECT COUNT(DISTINCT period) FROM bills WHERE estate_id = ? AND period >= ?', [
        estateId,
        '2026-06',
      ]),
    ).toBe(6);
    expect(
      await one('SELECT COUNT(*) FROM bills WHERE estate_id = ? AND period < ?', [estateId, '2026-06']),
    ).toBe(0);
  });

  it("shows last month's work-order stats, with tech1's orders, from the monthly facts", async () => {
    const auth = await login('manager');
    const tech1 = await userId('tech1');
    expect(
      await one('SELECT COUNT(*) FROM work_order_monthly_facts WHERE estate_id = ?', [estateId]),
    ).toBeGreaterThan(0);
    const reported = await one(
      'SELECT COUNT(*) FROM work_orders WHERE estate_id = ? AND reported_at >= ? AND reported_at < ?',
      [estateId, ...OCTOBER],
    );
    const completedByTech1 = await one(
      'SELECT COUNT(*) FROM work_orders WHERE estate_id = ? AND assignee_id = ? AND first_completed_at >= ? AND first_completed_at < ?',
      [estateId, tech1, ...OCTOBER],
    );
    expect(reported).toBeGreaterThan(10);
    expect(completedByTech1).toBeGreaterThan(10);
    const stats = await t.http
      .get(`/api/v1/work-orders/stats?estateId=${estateId}&period=2026-10`)
      .set(auth)
      .expect(200);
    expect(stats.body.reported).toBe(reported);
    const technician = stats.body.technicians.find((row: { assigneeId: string }) => row.assigneeId === tech1);
    expect(technician).toMatchObject({ completed: completedByTech1 });
    expect(stats.body.onTimeRate).not.toBeNull();
  });

  it("has last month's scorecard mostly filled, some metrics passing and some failing", async () => {
    const auth = await login('manager');
    const response = await t.http
      .get(`/api/v1/kpi/scorecard?estateId=${estateId}&period=2026-10`)
      .set(auth)
      .expect(200);
    const metrics = response.body.metrics as {
      code: string;
      value: number | null;
      status: string;
      numerator: number | null;
      denominator: number | null;
    }[];
    console.log(
      metrics
        .map(
          (metric) =>
            `${metric.code}=${metric.value} ${metric.status} (${metric.numerator}/${metric.denominator})`,
        )
        .join('\n'),
    );
    expect(metrics).toHaveLength(25);
    expect(metrics.filter((metric) => metric.value !== null).length).toBeGreaterThanOrEqual(22);
    expect(response.body.summary.pass).toBeGreaterThan(5);
    expect(response.body.summary.fail).toBeGreaterThan(0);
    const byCode = Object.fromEntries(metrics.map((metric) => [metric.code, metric]));
    // Cleaning: October's inspections that passed ÷ all of October's inspections.
    const inspected = await one(
      'SELECT COUNT(*) FROM cleaning_inspections WHERE estate_id = ? AND inspected_at >= ? AND inspected_at < ?',
      [estateId, ...OCTOBER],
    );
    const passed = await one(
      'SELECT COUNT(*) FROM cleaning_inspections WHERE estate_id = ? AND passed = 1 AND inspected_at >= ? AND inspected_at < ?',
      [estateId, ...OCTOBER],
    );
    expect(inspected).toBeGreaterThan(100);
    expect(byCode.cleaning_pass_rate).toMatchObject({ numerator: passed, denominator: inspected });
    // Fee collection, January..October bills: paid by the end of October ÷ billed.
    const billed = await one(
      "SELECT SUM(amount_fen) FROM bills WHERE estate_id = ? AND category = 'management_fee' AND period <= ?",
      [estateId, '2026-10'],
    );
    const paid = await one(
      `SELECT SUM(a.amount_fen) FROM fee_allocations a JOIN bills b ON b.id = a.bill_id
       WHERE b.estate_id = ? AND b.category = 'management_fee' AND b.period <= ? AND a.paid_at < ? AND a.reversed_at IS NULL`,
      [estateId, '2026-10', OCTOBER[1]],
    );
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(billed);
    expect(byCode.fee_collection_rate.value).toBeCloseTo((100 * paid) / billed, 1);
  });

  it('gives resident1 a home with bills and repairs, and seeding again changes nothing', async () => {
    const [{ unit_id: home }] = (await t.dataSource.query('SELECT unit_id FROM users WHERE username = ?', [
      'resident1',
    ])) as { unit_id: string }[];
    expect(await one('SELECT COUNT(*) FROM bills WHERE unit_id = ?', [home])).toBe(6);
    expect(await one('SELECT COUNT(*) FROM work_orders WHERE unit_id = ?', [home])).toBeGreaterThan(0);
    expect(
      await one('SELECT COUNT(*) FROM residents WHERE unit_id = ? AND move_out_date IS NULL', [home]),
    ).toBeGreaterThan(0);

    const before = await checksums(t.dataSource);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect((await t.app.get(DemoSeedService).seed()).estateId).toBe(estateId);
    expect(await checksums(t.dataSource)).toEqual(before);
  });

  it('reads like a real estate: work in hand at now, places that exist, people who match', async () => {
    const rows = async <T>(sql: string, parameters: unknown[] = []) =>
      (await t.dataSource.query(sql, parameters)) as T[];
    // Work orders open at now, in every stage of the desk's day.
    const byStatus = Object.fromEntries(
      (
        await rows<{ status: string; n: number }>(
          'SELECT status, COUNT(*) AS n FROM work_orders WHERE estate_id = ? GROUP BY status',
          [estateId],
        )
      ).map((row) => [row.status, Number(row.n)]),
    );
    expect(byStatus.reported).toBeGreaterThanOrEqual(2);
    expect(byStatus.assigned).toBeGreaterThanOrEqual(2);
    expect(byStatus.in_progress).toBeGreaterThanOrEqual(1);
    expect(byStatus.completed).toBeGreaterThanOrEqual(2);
    expect(byStatus.closed).toBeGreaterThan(50);
    expect(
      await one(
        "SELECT COUNT(*) FROM work_orders WHERE estate_id = ? AND status IN ('assigned', 'in_progress') AND due_at < ? AND completion_overdue_at IS NOT NULL",
        [estateId, NOW_SQL],
      ),
    ).toBeGreaterThanOrEqual(1);
    // tech1's 我的工单 and the return-visit queue are not empty.
    const mine = await t.http
      .get('/api/v1/work-orders/mine')
      .set(await login('tech1'))
      .expect(200);
    const mineItems = (mine.body.items ?? mine.body) as { status: string }[];
    expect(mineItems.length).toBeGreaterThanOrEqual(3);
    const desk = await login('frontdesk');
    const queue = await t.http
      .get(`/api/v1/work-orders?estateId=${estateId}&returnVisited=false&status=completed`)
      .set(desk)
      .expect(200);
    expect(queue.body.total).toBeGreaterThanOrEqual(2);
    // Complaints open in several states.
    const complaintStates = (
      await rows<{ status: string }>(
        "SELECT DISTINCT status FROM complaints WHERE estate_id = ? AND status <> 'closed'",
        [estateId],
      )
    ).map((row) => row.status);
    expect(complaintStates).toEqual(expect.arrayContaining(['received', 'assigned', 'resolved']));

    // Places: every "N号楼" a zone, checkpoint, asset or incident names is a building of the estate.
    const buildings = new Set(
      (await rows<{ name: string }>('SELECT name FROM buildings WHERE estate_id = ?', [estateId])).map(
        (row) => row.name,
      ),
    );
    const named = [
      ...(await rows<{ text: string }>('SELECT name AS text FROM cleaning_zones WHERE estate_id = ?', [
        estateId,
      ])),
      ...(await rows<{ text: string }>(
        'SELECT name AS text FROM patrol_checkpoints WHERE estate_id = ? UNION ALL SELECT location FROM patrol_checkpoints WHERE estate_id = ? AND location IS NOT NULL',
        [estateId, estateId],
      )),
      ...(await rows<{ text: string }>(
        'SELECT name AS text FROM assets WHERE estate_id = ? UNION ALL SELECT location_text FROM assets WHERE estate_id = ? AND location_text IS NOT NULL',
        [estateId, estateId],
      )),
      ...(await rows<{ text: string }>('SELECT location AS text FROM safety_incidents WHERE estate_id = ?', [
        estateId,
      ])),
    ].map((row) => row.text);
    expect(named.length).toBeGreaterThan(100);
    for (const text of named) {
      for (const building of text.match(/\d+号楼/g) ?? [])
        expect({ text, building: buildings.has(building) }).toEqual({ text, building: true });
      expect(text).not.toMatch(/[a-z_]{3,}|保洁区域 \d|巡更点 \d/);
    }
    expect(named.some((text) => /号楼 消防通道/.test(text))).toBe(true);
    expect(named.some((text) => /号楼 \d单元 \d号电梯/.test(text))).toBe(true);

    // People: staff names are Chinese names only; resident1 is the resident of its home unit.
    for (const { username } of DEMO_LOGINS) {
      const [user] = await rows<{ display_name: string }>(
        'SELECT display_name FROM users WHERE username = ?',
        [username],
      );
      expect(user.display_name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    }
    const [resident1] = await rows<{ unit_id: string; display_name: string; phone: string }>(
      'SELECT unit_id, display_name, phone FROM users WHERE username = ?',
      ['resident1'],
    );
    const lookup = await t.http
      .get(`/api/v1/units/lookup?estateId=${estateId}&phone=${resident1.phone}`)
      .set(desk)
      .expect(200);
    const found = (lookup.body.items ?? lookup.body) as {
      id: string;
      residents: { name: string; phone: string }[];
    }[];
    expect(found.map((unit) => unit.id)).toContain(resident1.unit_id);
    expect(found.find((unit) => unit.id === resident1.unit_id)?.residents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: resident1.display_name, phone: resident1.phone }),
      ]),
    );
  });

  /** sha256 of every table's rows (each row as JSON, sorted), for the tables that have rows. */
  async function checksums(dataSource: DataSource): Promise<Record<string, string>> {
    const tables = (await dataSource.query(
      dataSource.options.type === 'better-sqlite3'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
    )) as { name: string }[];
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const rows = (await dataSource.query(`SELECT * FROM ${name}`)) as Record<string, unknown>[];
      if (!rows.length) continue;
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      result[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
    }
    return result;
  }
});
