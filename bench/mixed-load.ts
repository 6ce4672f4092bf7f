/**
 * npm run bench:mixed [-- --estates 4 --units-per-estate 5000 --months 12 --seed 42]
 *
 * Issue #10's mixed load: the real users at once, by weight — front desk creating work orders and
 * complaints, technicians listing their orders and completing them, finance posting payments with
 * Idempotency-Keys (some retried, as a client would after a timeout), managers opening scorecards —
 * against ONE API process, then TWO API processes on the same MySQL database (separate `node`
 * processes, built `dist/apps/api/main.js` when present, else ts-node on apps/api/src/main.ts).
 * Prints throughput and p99 per operation, then verifies the data:
 * - every accepted creation is in the database exactly once (work orders, complaints, payments by
 *   Idempotency-Key; replays answered the same payment id);
 * - every payment's allocations + credit equal its amount; every bill's paid amount equals the sum
 *   of its live allocations and never exceeds amount − waived;
 * - no work order is in an impossible state (status vs its timestamps).
 * Generates the portfolio first unless the marker says the database already holds it.
 */
import { JwtService } from '@nestjs/jwt';
import { EstateMembership, Role, User } from '@estate/auth';
import { Estate } from '@estate/estates';
import { baseColumns } from '@estate/shared';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { parseArguments } from './generator/cli';
import { DEFAULT_PARAMETERS } from '@estate/demo';
import { generatePortfolio } from './generator/portfolio';
import { loadAverage, log, printTable, quantile } from './support/measure';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 12);
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
const PERIOD = DEFAULT_PARAMETERS.lastPeriod;

type Operation =
  | 'frontdesk: POST /work-orders'
  | 'frontdesk: POST /complaints'
  | 'technician: GET /work-orders/mine'
  | 'technician: POST /work-orders/:id/complete'
  | 'finance: POST /payments'
  | 'finance: POST /payments (retry, same key)'
  | 'manager: GET /kpi/scorecard';

const WEIGHTS: [Operation, number][] = [
  ['frontdesk: POST /work-orders', 20],
  ['frontdesk: POST /complaints', 8],
  ['technician: GET /work-orders/mine', 20],
  ['technician: POST /work-orders/:id/complete', 12],
  ['finance: POST /payments', 25],
  ['finance: POST /payments (retry, same key)', 5],
  ['manager: GET /kpi/scorecard', 10],
];

interface Actor {
  user: User;
  headers: Record<string, string>;
  estate: Estate;
}

interface Outcome {
  operation: Operation;
  status: number;
  ms: number;
}

/** Everything the load sent and got back, for the verification afterwards. */
interface Ledger {
  outcomes: Outcome[];
  createdWorkOrders: string[];
  createdComplaints: string[];
  /** Idempotency-Key → payment id of every 2xx answer (a replay must give the same id). */
  paymentsByKey: Map<string, Set<string>>;
  completed: string[];
  /** Requests sent per operation (a request still in flight when autocannon stops gets no answer). */
  sent: Map<Operation, number>;
  /** The first non-2xx answer of each operation and status, to show why. */
  failures: Map<string, string>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startInstance(
  url: string,
  port: number,
  scheduler: boolean,
): Promise<{ child: ChildProcess; base: string }> {
  const built = existsSync('dist/apps/api/main.js');
  const command = built
    ? ['dist/apps/api/main.js']
    : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'];
  const child = spawn(process.execPath, command, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: url,
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: scheduler ? 'true' : 'false',
      MIGRATE_ON_START: 'false',
      DEMO_SEED: 'off',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API instance on ${port} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API instance on ${port} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(
    `API instance pid ${child.pid} on port ${port} (${built ? 'dist' : 'ts-node'}, scheduler ${scheduler ? 'on' : 'off'})`,
  );
  return { child, base: `http://127.0.0.1:${port}` };
}

async function stopInstance(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

async function createActors(dataSource: DataSource, estates: Estate[]): Promise<Record<string, Actor[]>> {
  const jwt = new JwtService({ secret: JWT_SECRET });
  const actors: Record<string, Actor[]> = {};
  const stamp = Date.now().toString(36);
  for (const estate of estates)
    for (const role of ['front_desk', 'technician', 'technician', 'finance', 'manager'] as Role[]) {
      const user = dataSource.manager.create(User, {
        ...baseColumns(),
        username: `mixed-${role}-${estate.code}-${stamp}-${(actors[role]?.length ?? 0) + 1}`.toLowerCase(),
        displayName: `${role} ${estate.code}`,
        passwordHash: 'not-a-password-hash',
        role,
        phone: null,
        unitId: null,
        active: true,
        tokenVersion: 0,
        lastLoginAt: null,
      });
      await dataSource.manager.insert(User, user);
      await dataSource.manager.insert(EstateMembership, {
        ...baseColumns(),
        userId: user.id,
        estateId: estate.id,
      });
      const token = jwt.sign({ sub: user.id, role, tv: 0 }, { expiresIn: 6 * 3600 });
      (actors[role] ??= []).push({ user, estate, headers: { authorization: `Bearer ${token}` } });
    }
  return actors;
}

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Orders assigned to each technician and started, for the load's "complete" requests. */
async function prepareStartedOrders(
  base: string,
  actors: Record<string, Actor[]>,
  units: Map<string, string[]>,
  perTechnician: number,
): Promise<Map<string, string[]>> {
  const queues = new Map<string, string[]>();
  const jobs: (() => Promise<void>)[] = [];
  for (const technician of actors.technician) {
    const desk = actors.front_desk.find((actor) => actor.estate.id === technician.estate.id)!;
    const manager = actors.manager.find((actor) => actor.estate.id === technician.estate.id)!;
    queues.set(technician.user.id, []);
    for (let index = 0; index < perTechnician; index++)
      jobs.push(async () => {
        const estateUnits = units.get(technician.estate.id)!;
        const order = await call(base, 'POST', '/work-orders', desk.headers, {
          estateId: technician.estate.id,
          unitId: estateUnits[index % estateUnits.length],
          category: 'plumbing',
          priority: 'routine',
          channel: 'phone',
          description: '预置工单（混合负载）',
        });
        await call(base, 'POST', `/work-orders/${order.id}/assign`, manager.headers, {
          assigneeId: technician.user.id,
        });
        await call(base, 'POST', `/work-orders/${order.id}/start`, technician.headers, {});
        queues.get(technician.user.id)!.push(String(order.id));
      });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
  return queues;
}

/** One autocannon run against `bases` (one autocannon instance per base URL, in parallel). */
async function runLoad(
  bases: string[],
  actors: Record<string, Actor[]>,
  units: Map<string, string[]>,
  queues: Map<string, string[]>,
  ledger: Ledger,
  label: string,
): Promise<{ seconds: number }> {
  let sequence = 0;
  const runId = `${label}-${Date.now().toString(36)}`;
  const paymentBodies: { key: string; body: string; headers: Record<string, string> }[] = [];
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const choose = (): Operation => {
    let roll = Math.random() * total;
    for (const [operation, weight] of WEIGHTS) if ((roll -= weight) < 0) return operation;
    return WEIGHTS[0][0];
  };

  const setupRequest = (request: Record<string, unknown>, context: Record<string, unknown>) => {
    let operation = choose();
    if (operation === 'finance: POST /payments (retry, same key)' && !paymentBodies.length)
      operation = 'finance: POST /payments';
    let technician: Actor | undefined;
    let orderId: string | undefined;
    if (operation === 'technician: POST /work-orders/:id/complete') {
      technician = pick(actors.technician);
      orderId = queues.get(technician.user.id)!.shift();
      if (!orderId) operation = 'technician: GET /work-orders/mine';
    }
    context.operation = operation;
    context.started = performance.now();
    ledger.sent.set(operation, (ledger.sent.get(operation) ?? 0) + 1);
    const json = (
      actor: Actor,
      method: string,
      path: string,
      body: unknown,
      extra: Record<string, string> = {},
    ) => ({
      ...request,
      method,
      path: `/api/v1${path}`,
      headers: { ...actor.headers, 'content-type': 'application/json', ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    switch (operation) {
      case 'frontdesk: POST /work-orders': {
        const desk = pick(actors.front_desk);
        return json(desk, 'POST', '/work-orders', {
          estateId: desk.estate.id,
          unitId: pick(units.get(desk.estate.id)!),
          category: pick(['plumbing', 'electrical', 'door_access']),
          priority: 'routine',
          channel: 'phone',
          description: '混合负载报修',
        });
      }
      case 'frontdesk: POST /complaints': {
        const desk = pick(actors.front_desk);
        return json(desk, 'POST', '/complaints', {
          estateId: desk.estate.id,
          unitId: pick(units.get(desk.estate.id)!),
          channel: 'phone',
          categories: ['cleanliness'],
          description: '混合负载投诉：楼道垃圾未清理',
        });
      }
      case 'technician: GET /work-orders/mine': {
        const actor = technician ?? pick(actors.technician);
        return json(actor, 'GET', '/work-orders/mine?pageSize=20', undefined);
      }
      case 'technician: POST /work-orders/:id/complete':
        context.orderId = orderId;
        return json(technician!, 'POST', `/work-orders/${orderId}/complete`, {
          resolution: '已更换阀门',
          labourMinutes: 30,
          chargeable: false,
        });
      case 'finance: POST /payments': {
        const finance = pick(actors.finance);
        const key = `mixed-${runId}-${++sequence}`;
        const body = JSON.stringify({
          unitId: pick(units.get(finance.estate.id)!),
          amountFen: 10_000 + (sequence % 50) * 100,
          method: 'wechat',
          reference: `WX-${key}`,
        });
        paymentBodies.push({ key, body, headers: finance.headers });
        context.key = key;
        return {
          ...request,
          method: 'POST',
          path: '/api/v1/payments',
          headers: { ...finance.headers, 'content-type': 'application/json', 'idempotency-key': key },
          body,
        };
      }
      case 'finance: POST /payments (retry, same key)': {
        const previous = pick(paymentBodies);
        context.key = previous.key;
        return {
          ...request,
          method: 'POST',
          path: '/api/v1/payments',
          headers: {
            ...previous.headers,
            'content-type': 'application/json',
            'idempotency-key': previous.key,
          },
          body: previous.body,
        };
      }
      case 'manager: GET /kpi/scorecard': {
        const manager = pick(actors.manager);
        return json(
          manager,
          'GET',
          `/kpi/scorecard?estateId=${manager.estate.id}&period=${PERIOD}`,
          undefined,
        );
      }
    }
  };

  const onResponse = (status: number, body: string, context: Record<string, unknown>) => {
    const operation = context.operation as Operation;
    ledger.outcomes.push({ operation, status, ms: performance.now() - (context.started as number) });
    if (status < 200 || status >= 300) {
      const key = `${operation} ${status}`;
      if (!ledger.failures.has(key)) ledger.failures.set(key, body.slice(0, 300));
      return;
    }
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return;
    }
    if (operation === 'frontdesk: POST /work-orders') ledger.createdWorkOrders.push(String(parsed.id));
    if (operation === 'frontdesk: POST /complaints') ledger.createdComplaints.push(String(parsed.id));
    if (operation === 'technician: POST /work-orders/:id/complete')
      ledger.completed.push(String(context.orderId));
    if (operation.startsWith('finance: POST /payments')) {
      const key = context.key as string;
      if (!ledger.paymentsByKey.has(key)) ledger.paymentsByKey.set(key, new Set());
      ledger.paymentsByKey.get(key)!.add(String(parsed.id));
    }
  };

  const started = performance.now();
  await Promise.all(
    bases.map((base) =>
      autocannon({
        url: base,
        connections: Math.max(1, Math.round(CONNECTIONS / bases.length)),
        duration: SECONDS,
        timeout: 30,
        requests: [{ setupRequest, onResponse } as never],
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return { seconds: (performance.now() - started - 2000) / 1000 };
}

function report(title: string, outcomes: Outcome[], seconds: number): void {
  const rows: Record<string, string | number>[] = WEIGHTS.map(([operation]) => {
    const mine = outcomes.filter((outcome) => outcome.operation === operation);
    const times = mine.map((outcome) => outcome.ms).sort((a, b) => a - b);
    const by = (test: (status: number) => boolean) => mine.filter((outcome) => test(outcome.status)).length;
    return {
      operation,
      requests: mine.length,
      'req/s': (mine.length / seconds).toFixed(1),
      'p50 ms': times.length ? quantile(times, 0.5).toFixed(0) : '',
      'p99 ms': times.length ? quantile(times, 0.99).toFixed(0) : '',
      '2xx': by((status) => status >= 200 && status < 300),
      '4xx': by((status) => status >= 400 && status < 500),
      '5xx': by((status) => status >= 500),
    };
  });
  const times = outcomes.map((outcome) => outcome.ms).sort((a, b) => a - b);
  rows.push({
    operation: 'all',
    requests: outcomes.length,
    'req/s': (outcomes.length / seconds).toFixed(1),
    'p50 ms': quantile(times, 0.5).toFixed(0),
    'p99 ms': quantile(times, 0.99).toFixed(0),
    '2xx': outcomes.filter((outcome) => outcome.status >= 200 && outcome.status < 300).length,
    '4xx': outcomes.filter((outcome) => outcome.status >= 400 && outcome.status < 500).length,
    '5xx': outcomes.filter((outcome) => outcome.status >= 500).length,
  });
  printTable(title, rows);
}

async function verify(
  dataSource: DataSource,
  ledger: Ledger,
  actors: Record<string, Actor[]>,
): Promise<boolean> {
  const query = async (sql: string, parameters: unknown[] = []) =>
    (await dataSource.query(sql, parameters)) as Record<string, string | number | null>[];
  const one = async (sql: string, parameters: unknown[] = []) =>
    Number(Object.values((await query(sql, parameters))[0])[0]);
  const checks: { check: string; expected: string; found: string; ok: boolean }[] = [];
  const expect = (check: string, expected: number, found: number) =>
    checks.push({ check, expected: String(expected), found: String(found), ok: expected === found });
  /** Answered 2xx ≤ found ≤ answered + requests that never got an answer (in flight at the end). */
  const within = (check: string, answered: number, unanswered: number, found: number) =>
    checks.push({
      check,
      expected: unanswered ? `${answered} … ${answered + unanswered}` : String(answered),
      found: String(found),
      ok: found >= answered && found <= answered + unanswered,
    });
  const unanswered = (...operations: Operation[]) =>
    operations.reduce(
      (sum, operation) =>
        sum +
        (ledger.sent.get(operation) ?? 0) -
        ledger.outcomes.filter((outcome) => outcome.operation === operation).length,
      0,
    );
  const ids = (list: string[]) => (list.length ? list : ['-']);
  const desks = actors.front_desk.map((actor) => actor.user.id);
  const finance = actors.finance.map((actor) => actor.user.id);

  // Every accepted creation exactly once; nothing created that was not answered 2xx.
  expect(
    'work orders answered 201 found by id',
    ledger.createdWorkOrders.length,
    await one(`SELECT COUNT(*) FROM work_orders WHERE id IN (?)`, [ids(ledger.createdWorkOrders)]),
  );
  expect(
    'distinct work-order ids answered',
    ledger.createdWorkOrders.length,
    new Set(ledger.createdWorkOrders).size,
  );
  expect(
    'complaints answered 201 found by id',
    ledger.createdComplaints.length,
    await one(`SELECT COUNT(*) FROM complaints WHERE id IN (?)`, [ids(ledger.createdComplaints)]),
  );
  within(
    'complaints by the front-desk users (answered 201 … + unanswered)',
    ledger.createdComplaints.length,
    unanswered('frontdesk: POST /complaints'),
    await one(`SELECT COUNT(*) FROM complaints WHERE received_by_id IN (?)`, [desks]),
  );
  const keys = [...ledger.paymentsByKey.keys()];
  expect(
    'Idempotency-Keys answered 2xx with more than one payment id',
    0,
    [...ledger.paymentsByKey.values()].filter((set) => set.size !== 1).length,
  );
  expect(
    'payments of the accepted keys (exactly one each)',
    keys.length,
    await one(`SELECT COUNT(*) FROM payments WHERE idempotency_key IN (?)`, [keys.length ? keys : ['-']]),
  );
  within(
    'payments recorded by the finance users (accepted keys … + unanswered)',
    keys.length,
    unanswered('finance: POST /payments'),
    await one(`SELECT COUNT(*) FROM payments WHERE recorded_by_id IN (?)`, [finance]),
  );
  expect(
    'duplicate (estate, Idempotency-Key) pairs',
    0,
    await one(
      `SELECT COUNT(*) FROM (SELECT estate_id, idempotency_key FROM payments GROUP BY estate_id, idempotency_key HAVING COUNT(*) > 1) d`,
    ),
  );
  // Balances (whole database, generated rows included).
  expect(
    'payments whose live allocations + credit ≠ amount',
    0,
    await one(`SELECT COUNT(*) FROM payments p WHERE p.status = 'recorded' AND p.amount_fen <>
      p.credit_fen + COALESCE((SELECT SUM(a.amount_fen) FROM fee_allocations a WHERE a.payment_id = p.id AND a.reversed_at IS NULL), 0)`),
  );
  expect(
    'bills whose paid ≠ sum of live allocations',
    0,
    await one(`SELECT COUNT(*) FROM bills b WHERE b.paid_fen <>
      COALESCE((SELECT SUM(a.amount_fen) FROM fee_allocations a WHERE a.bill_id = b.id AND a.reversed_at IS NULL), 0)`),
  );
  expect(
    'bills paid beyond amount − waived',
    0,
    await one(`SELECT COUNT(*) FROM bills WHERE paid_fen > amount_fen - waived_fen OR paid_fen < 0`),
  );
  // Work orders: status consistent with the timestamps the transitions set.
  expect(
    'work orders in an impossible state',
    0,
    await one(`SELECT COUNT(*) FROM work_orders WHERE
         (status IN ('assigned','in_progress','on_hold','completed','reopened','closed') AND (assignee_id IS NULL OR assigned_at IS NULL))
      OR (status IN ('in_progress','on_hold','completed','closed') AND arrived_at IS NULL)
      OR (status IN ('completed','closed') AND (completed_at IS NULL OR first_completed_at IS NULL))
      OR (status = 'closed' AND closed_at IS NULL)
      OR (status <> 'closed' AND closed_at IS NOT NULL)
      OR (status = 'cancelled' AND (cancelled_at IS NULL OR completed_at IS NOT NULL))
      OR (status = 'reported' AND (assignee_id IS NOT NULL OR arrived_at IS NOT NULL OR completed_at IS NOT NULL))
      OR (completed_at IS NOT NULL AND arrived_at IS NOT NULL AND completed_at < arrived_at)
      OR (arrived_at IS NOT NULL AND arrived_at < reported_at)`),
  );
  expect(
    'orders completed during the load now completed',
    ledger.completed.length,
    await one(
      `SELECT COUNT(*) FROM work_orders WHERE id IN (?) AND status = 'completed' AND completed_at IS NOT NULL`,
      [ids(ledger.completed)],
    ),
  );
  expect(
    'work-order codes duplicated within an estate',
    0,
    await one(
      `SELECT COUNT(*) FROM (SELECT estate_id, code FROM work_orders GROUP BY estate_id, code HAVING COUNT(*) > 1) d`,
    ),
  );
  for (const [key, body] of ledger.failures) log(`first answer of ${key}: ${body}`);
  printTable(
    'Verification after the load',
    checks.map((check) => ({ ...check, ok: check.ok ? 'yes' : 'NO' })),
  );
  return checks.every((check) => check.ok);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const url = process.env.DATABASE_URL ?? args.url;
  if (!url.startsWith('mysql:'))
    throw new Error('bench:mixed runs on MySQL/MariaDB (DATABASE_URL=mysql://…)');
  log(`load before start: ${loadAverage()}`);
  const { dataSource } = await generatePortfolio(url, args, { reuse: true, log });
  const instances: ChildProcess[] = [];
  let ok = true;
  try {
    const estates = (await dataSource.manager.find(Estate, { order: { code: 'ASC' } })).slice(0, 4);
    const actors = await createActors(dataSource, estates);
    const units = new Map<string, string[]>();
    for (const estate of estates)
      units.set(
        estate.id,
        (
          (await dataSource.query('SELECT id FROM units WHERE estate_id = ? ORDER BY id', [estate.id])) as {
            id: string;
          }[]
        ).map((unit) => unit.id),
      );
    const ledger: Ledger = {
      outcomes: [],
      createdWorkOrders: [],
      createdComplaints: [],
      paymentsByKey: new Map(),
      completed: [],
      sent: new Map(),
      failures: new Map(),
    };

    // One instance ------------------------------------------------------------------------------------
    const first = await startInstance(url, await freePort(), true);
    instances.push(first.child);
    const basesOne = [first.base];
    log('preparing started orders for the technicians');
    let queues = await prepareStartedOrders(`${basesOne[0]}/api/v1`, actors, units, 25);
    log(`load before the one-instance run: ${loadAverage()}`);
    const one = await runLoad(basesOne, actors, units, queues, ledger, 'one');
    const oneOutcomes = [...ledger.outcomes];
    report(
      `Mixed load, ONE API instance: ${CONNECTIONS} connections, ${SECONDS} s, ${estates.length} estates (load ${loadAverage()})`,
      oneOutcomes,
      one.seconds,
    );

    // Two instances on the same database ------------------------------------------------------------
    const second = await startInstance(url, await freePort(), false);
    instances.push(second.child);
    const basesTwo = [first.base, second.base];
    queues = await prepareStartedOrders(`${basesTwo[1]}/api/v1`, actors, units, 25);
    log(`load before the two-instance run: ${loadAverage()}`);
    const before = ledger.outcomes.length;
    const two = await runLoad(basesTwo, actors, units, queues, ledger, 'two');
    report(
      `Mixed load, TWO API instances (one MySQL database): ${CONNECTIONS} connections split, ${SECONDS} s (load ${loadAverage()})`,
      ledger.outcomes.slice(before),
      two.seconds,
    );
    ok = await verify(dataSource, ledger, actors);
  } finally {
    for (const instance of instances) await stopInstance(instance);
    await dataSource.destroy();
  }
  log(ok ? 'verification passed' : 'VERIFICATION FAILED');
  if (!ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
