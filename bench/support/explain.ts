import { performance } from 'node:perf_hooks';
import { DataSource, Logger, QueryRunner } from 'typeorm';
import { printTable } from './measure';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/**
 * Captures the exact SQL an endpoint issues: the data source's logger is wrapped for the duration of
 * `work` (one HTTP request, nothing else running), every statement handed to logQuery is recorded,
 * then the original logger is put back.
 */
export async function captureQueries(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<CapturedQuery[]> {
  const original = dataSource.logger;
  const captured: CapturedQuery[] = [];
  const wrapper: Logger = {
    logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner) {
      captured.push({ sql: query, parameters: parameters ?? [] });
      original.logQuery(query, parameters, queryRunner);
    },
    logQueryError: (error, query, parameters, queryRunner) =>
      original.logQueryError(error, query, parameters, queryRunner),
    logQuerySlow: (time, query, parameters, queryRunner) =>
      original.logQuerySlow(time, query, parameters, queryRunner),
    logSchemaBuild: (message, queryRunner) => original.logSchemaBuild(message, queryRunner),
    logMigration: (message, queryRunner) => original.logMigration(message, queryRunner),
    log: (level, message, queryRunner) => original.log(level, message, queryRunner),
  };
  dataSource.logger = wrapper;
  try {
    await work();
  } finally {
    dataSource.logger = original;
  }
  return captured;
}

export interface ExplainedQuery {
  query: CapturedQuery;
  label: string;
  sql: string;
  /** median of a few runs of the statement alone, ms */
  ms: number;
  plan: Record<string, unknown>[];
}

const PLAN_COLUMNS = ['id', 'select_type', 'table', 'type', 'key', 'key_len', 'rows', 'filtered', 'Extra'];

/** Inlines parameters for display only (EXPLAIN itself runs with bound parameters). */
export function displaySql(query: CapturedQuery): string {
  let index = 0;
  return query.sql.replace(/\?/g, () => {
    const value = query.parameters[index++];
    if (value instanceof Date) return `'${value.toISOString().replace('T', ' ').replace('Z', '')}'`;
    if (typeof value === 'number') return String(value);
    return `'${String(value)}'`;
  });
}

/**
 * EXPLAIN for each SELECT the endpoint issued (schema_migrations / estate / user look-ups dropped
 * with `skip`), the statement's own time (median of `runs`), printed as tables.
 */
export async function explainQueries(
  dataSource: DataSource,
  title: string,
  queries: CapturedQuery[],
  options: { skip?: RegExp; runs?: number } = {},
): Promise<ExplainedQuery[]> {
  const skip = options.skip ?? /FROM `(users|estates|estate_memberships)`/;
  const runs = options.runs ?? 5;
  const explained: ExplainedQuery[] = [];
  let number = 0;
  for (const query of queries) {
    if (!/^\s*SELECT/i.test(query.sql) || skip.test(query.sql)) continue;
    number++;
    const plan = (await dataSource.query(`EXPLAIN ${query.sql}`, query.parameters)) as Record<
      string,
      unknown
    >[];
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await dataSource.query(query.sql, query.parameters);
      times.push(performance.now() - started);
      if (times[0] > 1000) break; // a statement over a second is timed once
    }
    times.sort((a, b) => a - b);
    const ms = Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
    const label = `${title} #${number} (${ms} ms)`;
    console.log(`\n${label}\n${displaySql(query)}`);
    printTable(
      'EXPLAIN',
      plan.map((row) => Object.fromEntries(PLAN_COLUMNS.map((column) => [column, row[column]]))),
    );
    explained.push({ query, label, sql: displaySql(query), ms, plan });
  }
  return explained;
}

/**
 * Before/after for indexes a migration added: every explained statement whose plan uses one of
 * `indexes` is run again with `IGNORE INDEX (…)` on `table` (the plan the optimizer had before the
 * migration), EXPLAINed and timed once; both are printed side by side.
 */
export async function compareWithoutIndexes(
  dataSource: DataSource,
  explained: ExplainedQuery[],
  table: { name: string; alias: string },
  indexes: string[],
): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const from = `FROM \`${table.name}\` \`${table.alias}\``;
  for (const entry of explained) {
    const used = entry.plan.map((row) => String(row.key ?? '')).join(',');
    if (!indexes.some((name) => used.includes(name)) || !entry.query.sql.includes(from)) continue;
    const sql = entry.query.sql.replace(from, `${from} IGNORE INDEX (${indexes.join(', ')})`);
    const plan = (await dataSource.query(`EXPLAIN ${sql}`, entry.query.parameters)) as Record<
      string,
      unknown
    >[];
    const started = performance.now();
    await dataSource.query(sql, entry.query.parameters);
    const before = Math.round((performance.now() - started) * 10) / 10;
    const describe = (rows: Record<string, unknown>[]) =>
      rows
        .map(
          (row) =>
            `${row.type}/${row.key ?? '-'}/${row.rows}${String(row.Extra ?? '').includes('filesort') ? '/filesort' : ''}`,
        )
        .join(' + ');
    rows.push({
      statement: entry.label.replace(/ \(.*\)$/, ''),
      'before: plan (type/key/rows)': describe(plan),
      'before ms': before,
      'after: plan (type/key/rows)': describe(entry.plan),
      'after ms': entry.ms,
    });
  }
  printTable(`Indexes ${indexes.join(', ')}: before (IGNORE INDEX) / after`, rows);
  return rows;
}
