import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { parseArguments } from '../../bench/generator/cli';
import { generatePortfolio, PortfolioParameters } from '../../bench/generator/portfolio';

/**
 * The bench data generator (`npm run bench:generate`) on embedded SQLite: the same arguments give
 * the same rows (every table, ids and timestamps included), another seed gives other rows, and the
 * generated data keeps the invariants the application keeps.
 */
describe('bench data generator', () => {
  jest.setTimeout(120_000);
  const directory = mkdtempSync(join(tmpdir(), 'estate-generator-'));
  const parameters: PortfolioParameters = { estates: 2, unitsPerEstate: 80, months: 1, seed: 42 };
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /**
   * sha256 per table the generator wrote (not the rows migrations seed) over its rows (each row as
   * JSON, sorted, so row order does not matter).
   */
  async function checksums(dataSource: DataSource, tables: string[]): Promise<Record<string, string>> {
    const result: Record<string, string> = {};
    for (const name of tables) {
      const rows = (await dataSource.query(`SELECT * FROM "${name}"`)) as Record<string, unknown>[];
      if (!rows.length) continue;
      const lines = rows.map((row) => JSON.stringify(row)).sort();
      result[name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
    }
    return result;
  }

  async function generate(file: string, seed = parameters.seed) {
    const { dataSource, result } = await generatePortfolio(`sqlite:${join(directory, file)}`, {
      ...parameters,
      seed,
    });
    return { dataSource, result, sums: await checksums(dataSource, Object.keys(result.rows)) };
  }

  it('writes the same rows for the same arguments, other rows for another seed, and keeps the invariants', async () => {
    const first = await generate('first.db');
    const second = await generate('second.db');
    const other = await generate('other.db', 43);
    try {
      for (const table of [
        'estates',
        'units',
        'residents',
        'bills',
        'payments',
        'fee_allocations',
        'work_orders',
        'work_order_return_visits',
        'assets',
        'asset_condition_records',
        'patrol_rounds',
        'patrol_scans',
        'patrol_missed_slots',
        'cleaning_logs',
        'cleaning_inspections',
        'complaints',
        'safety_incidents',
        'staff_certificates',
        'survey_responses',
        'code_counters',
      ])
        expect(first.sums[table]).toBeDefined();
      expect(second.sums).toEqual(first.sums);
      expect(other.sums.bills).not.toEqual(first.sums.bills);
      expect(first.result.rows.estates).toBe(2);
      expect(first.result.rows.units).toBe(160);
      expect(first.result.rows.bills).toBe(160); // one management-fee bill per unit and month

      const db = first.dataSource;
      // Every bill's paid amount is the sum of its allocations; every payment is fully allocated.
      const bills = await db.query(`
        SELECT COUNT(*) AS n FROM bills b
        WHERE b.paid_fen <> COALESCE((SELECT SUM(a.amount_fen) FROM fee_allocations a WHERE a.bill_id = b.id), 0)`);
      expect(Number(bills[0].n)).toBe(0);
      const payments = await db.query(`
        SELECT COUNT(*) AS n FROM payments p
        WHERE p.amount_fen <> (SELECT SUM(a.amount_fen) FROM fee_allocations a WHERE a.payment_id = p.id)`);
      expect(Number(payments[0].n)).toBe(0);
      // Work orders: closed ⇒ completed and closed instants; cancelled ⇒ no completion.
      const orders = await db.query(`
        SELECT COUNT(*) AS n FROM work_orders
        WHERE (status = 'closed' AND (completed_at IS NULL OR closed_at IS NULL))
           OR (status = 'completed' AND completed_at IS NULL)
           OR (status = 'cancelled' AND (completed_at IS NOT NULL OR cancelled_at IS NULL))
           OR (status = 'in_progress' AND arrived_at IS NULL)`);
      expect(Number(orders[0].n)).toBe(0);
      // Patrol: every round accounts for each expected checkpoint (scanned or missed).
      const rounds = await db.query(`
        SELECT COUNT(*) AS n FROM patrol_rounds r
        WHERE r.scanned_count <> (SELECT COUNT(*) FROM patrol_scans s WHERE s.round_id = r.id)
           OR r.missed_count <> (SELECT COUNT(*) FROM patrol_round_misses m WHERE m.round_id = r.id)
           OR r.scanned_count + r.missed_count <> r.expected_count`);
      expect(Number(rounds[0].n)).toBe(0);
      // The code counters continue after the highest generated code of each estate and year.
      const counters = await db.query(`
        SELECT c.value AS value, (SELECT COUNT(*) FROM work_orders w
          WHERE w.estate_id = c.estate_id AND w.code LIKE 'WO-' || c.year || '-%') AS orders
        FROM code_counters c WHERE c.scope = 'WO'`);
      expect(counters.length).toBeGreaterThan(0);
      for (const counter of counters) expect(Number(counter.value)).toBe(Number(counter.orders));
    } finally {
      await Promise.all([first, second, other].map(({ dataSource }) => dataSource.destroy()));
    }
  });

  it('parses the command line and refuses bad values', () => {
    expect(
      parseArguments(['--estates', '20', '--units-per-estate', '5000', '--months', '12', '--seed', '42']),
    ).toMatchObject({ estates: 20, unitsPerEstate: 5000, months: 12, seed: 42 });
    expect(parseArguments(['--estates=3', '--database-url', 'sqlite:/tmp/x.db'])).toMatchObject({
      estates: 3,
      url: 'sqlite:/tmp/x.db',
    });
    expect(() => parseArguments(['--estates', '0'])).toThrow('--estates must be an integer');
    expect(() => parseArguments(['--units', '5'])).toThrow('Unknown option --units');
  });
});
