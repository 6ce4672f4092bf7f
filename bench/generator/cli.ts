/**
 * `npm run bench:generate -- --estates 20 --units-per-estate 5000 --months 12 --seed 42`
 * [--database-url mysql://root@127.0.0.1:3306/estate_bench_portfolio | sqlite:/tmp/bench.db]
 * [--parallel 2] [--reuse]
 *
 * Drops and re-creates the database, migrates it and fills it with deterministic estates (same
 * arguments ⇒ same rows, ids included). Prints rows per table and the seconds it took.
 */
import { loadavg } from 'node:os';
import { DEFAULT_PORTFOLIO_URL, generatePortfolio, PortfolioParameters } from './portfolio';

export function parseArguments(argv: string[]): PortfolioParameters & { url: string; reuse: boolean } {
  const values = new Map<string, string>();
  let reuse = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--reuse') reuse = true;
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      values.set(name, inline ?? argv[++index]);
    } else throw new Error(`Unexpected argument: ${arg}`);
  }
  const known = ['estates', 'units-per-estate', 'months', 'seed', 'database-url', 'parallel'];
  for (const name of values.keys()) if (!known.includes(name)) throw new Error(`Unknown option --${name}`);
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(values.get(name) ?? fallback);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return value;
  };
  return {
    estates: integer('estates', 1, 1, 99),
    unitsPerEstate: integer('units-per-estate', 5000, 10, 100000),
    months: integer('months', 12, 1, 36),
    seed: integer('seed', 42, 0, 2 ** 31 - 1),
    parallel: integer('parallel', 1, 1, 8),
    url: values.get('database-url') ?? process.env.DATABASE_URL ?? DEFAULT_PORTFOLIO_URL,
    reuse,
  };
}

async function main(): Promise<void> {
  const parameters = parseArguments(process.argv.slice(2));
  const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
  log(
    `generating ${parameters.estates} × ${parameters.unitsPerEstate} units, ${parameters.months} months, seed ${parameters.seed} into ${parameters.url.replace(/\/\/[^@]*@/, '//')}`,
  );
  const { dataSource, result } = await generatePortfolio(parameters.url, parameters, {
    reuse: parameters.reuse,
    log,
  });
  await dataSource.destroy();
  const width = Math.max(...Object.keys(result.rows).map((table) => table.length));
  let total = 0;
  for (const [table, count] of Object.entries(result.rows).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${table.padEnd(width)}  ${count.toLocaleString('en-US').padStart(12)}`);
    total += count;
  }
  console.log(`${'total'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(12)}`);
  console.log(
    result.reused
      ? 'reused an identical generated database (no rows written)'
      : `generated in ${result.seconds.toFixed(1)} s (+ ${result.migrationSeconds.toFixed(1)} s schema migrations); load average ${loadavg()
          .map((value) => value.toFixed(2))
          .join(' / ')}`,
  );
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
