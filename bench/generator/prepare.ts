import { INestApplication } from '@nestjs/common';
import { Estate } from '@estate/estates';
import { DataSource } from 'typeorm';
import { readMarker, recreateDatabase, startBenchApp, writeMarker } from './bench-app';
import { DEFAULT_PARAMETERS, generateEstate, GeneratorParameters } from '@estate/demo';

export interface PreparedBench {
  app: INestApplication;
  dataSource: DataSource;
  estate: Estate;
  parameters: GeneratorParameters;
  /** Seconds the generation took, or null when an already generated database was reused. */
  generationSeconds: number | null;
  rows: Record<string, number>;
}

/** Tables the generator fills (for the dataset-size line of the report). */
export const GENERATED_TABLES = [
  'estates',
  'buildings',
  'units',
  'residents',
  'fee_items',
  'bills',
  'payments',
  'fee_allocations',
  'staff_members',
  'staff_trainings',
  'staff_certificates',
  'work_orders',
  'work_order_return_visits',
  'assets',
  'asset_condition_records',
  'safety_incidents',
  'cleaning_zones',
  'cleaning_inspections',
  'complaints',
  'surveys',
  'survey_responses',
];

export function parametersFromEnvironment(): GeneratorParameters {
  return {
    ...DEFAULT_PARAMETERS,
    units: Number(process.env.BENCH_UNITS ?? DEFAULT_PARAMETERS.units),
    seed: Number(process.env.BENCH_SEED ?? DEFAULT_PARAMETERS.seed),
  };
}

/**
 * Reuses the bench database when its marker says it was generated with the same parameters
 * (BENCH_REGENERATE=1 forces a fresh one); otherwise drops it, migrates it through the app and
 * generates the estate.
 */
export async function prepareBench(parameters = parametersFromEnvironment()): Promise<PreparedBench> {
  const key = JSON.stringify(parameters);
  const reuse = process.env.BENCH_REGENERATE !== '1' && (await readMarker()) === key;
  if (!reuse) await recreateDatabase();
  const app = await startBenchApp();
  const dataSource = app.get(DataSource);
  let generationSeconds: number | null = null;
  if (!reuse) {
    const result = await generateEstate(dataSource, parameters);
    generationSeconds = result.seconds;
    await writeMarker(dataSource, key);
  }
  const estate = await dataSource.manager.findOneByOrFail(Estate, { code: 'BENCH5K' });
  const rows: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const [{ count }] = (await dataSource.query(`SELECT COUNT(*) AS count FROM \`${table}\``)) as {
      count: string | number;
    }[];
    rows[table] = Number(count);
  }
  return { app, dataSource, estate, parameters, generationSeconds, rows };
}

/** p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function peakRssMegabytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function milliseconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}
