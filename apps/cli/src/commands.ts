import { INestApplicationContext } from '@nestjs/common';
import { ROLES, Role, UsersService } from '@estate/auth';
import { buildDataSourceOptions } from '@estate/database';
import { DemoSeedService } from '@estate/demo';
import { Estate, EstatesService } from '@estate/estates';
import { BillingRunService } from '@estate/fees';
import { REPORT_FORMATS, REPORT_LOCALES, ReportFormat, ReportLocale, ReportsService } from '@estate/reports';
import { validateEnvironment } from '@estate/shared';
import { WorkOrderMonthlyFactsService } from '@estate/work-orders';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

import { Options, UsageError } from './arguments';

export type { Options };
export { UsageError };

export interface Command {
  description: string;
  usage: string;
  /** Commands that need no Nest context (migrations) get none. */
  needsContext: boolean;
  run(options: Options, context?: INestApplicationContext): Promise<void>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function withDataSource<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const config = validateEnvironment(process.env);
  const dataSource = new DataSource(buildDataSourceOptions(config));
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Operator commands. Feature issues add theirs (billing:run, report:monthly, …) to this table. */
export const COMMANDS: Record<string, Command> = {
  migrate: {
    description:
      'Apply pending migrations to the configured database (MySQL via DATABASE_URL, else the SQLite file)',
    usage: 'migrate',
    needsContext: false,
    run: () =>
      withDataSource(async (dataSource) => {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.map((migration) => migration.name).join(', ')}`
            : 'The schema is up to date.',
        );
      }),
  },
  'migrate:revert': {
    description: 'Undo the most recent migration',
    usage: 'migrate:revert',
    needsContext: false,
    run: () =>
      withDataSource(async (dataSource) => {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the most recent migration.');
      }),
  },
  'migrate:status': {
    description: 'Show whether migrations are pending',
    usage: 'migrate:status',
    needsContext: false,
    run: () =>
      withDataSource(async (dataSource) => {
        console.log(
          (await dataSource.showMigrations())
            ? 'Migrations are pending: run `npm run migrate`.'
            : 'The schema is up to date.',
        );
      }),
  },
  'user:create': {
    description: 'Create a user (e.g. the first admin on a production database)',
    usage:
      'user:create --username alice --password <8+ chars> --role admin [--name "Alice"] [--estate CODE[,CODE]]',
    needsContext: true,
    async run(options, context) {
      const role = required(options, 'role') as Role;
      if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const password = required(options, 'password');
      if (password.length < 8) throw new UsageError('--password must be at least 8 characters');
      const estates = context!.get(EstatesService);
      const estateIds: string[] = [];
      for (const code of typeof options.estate === 'string' ? options.estate.split(',') : []) {
        const estate = await estates.findByCode(code.trim());
        if (!estate) throw new UsageError(`No estate with code ${code}`);
        estateIds.push(estate.id);
      }
      const username = required(options, 'username');
      const user = await context!.get(UsersService).create({
        username,
        password,
        role,
        displayName: typeof options.name === 'string' ? options.name : username,
        estateIds,
      });
      console.log(`Created ${user.role} ${user.username} (${user.id})`);
    },
  },
  'billing:run': {
    description:
      'Bill every unit of an estate for a period (idempotent: bills that exist are left alone); same code path as POST /billing-runs',
    usage: 'billing:run --estate=CODE --period=YYYY-MM',
    needsContext: true,
    async run(options, context) {
      const code = required(options, 'estate');
      const period = required(options, 'period');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError('--period must be YYYY-MM');
      const estate = await context!.get(EstatesService).findByCode(code.trim());
      if (!estate) throw new UsageError(`No estate with code ${code}`);
      const run = await context!.get(BillingRunService).run(estate.id, period, { id: null, name: 'cli' });
      console.log(
        `Billing run ${run.id} for ${estate.code} ${period}: ${run.status}, ${run.unitCount} unit(s), ${run.billsCreated} bill(s) created, ${run.billsExisting} already existed, ${run.amountCreatedFen} fen billed, ${run.creditAppliedFen} fen of credit applied`,
      );
    },
  },
  'report:monthly': {
    description:
      'Generate a monthly compliance report (PDF/XLSX) for an estate and month, archive it and write the files; same code path as POST /reports/monthly',
    usage:
      'report:monthly --estate CODE --period YYYY-MM [--format pdf,xlsx] [--locale zh-CN|en] [--out ./out]',
    needsContext: true,
    async run(options, context) {
      const code = required(options, 'estate');
      const period = required(options, 'period');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError('--period must be YYYY-MM');
      const formats = (typeof options.format === 'string' ? options.format : 'pdf,xlsx')
        .split(',')
        .map((format) => format.trim()) as ReportFormat[];
      if (!formats.length || formats.some((format) => !REPORT_FORMATS.includes(format)))
        throw new UsageError(`--format must be a comma list of ${REPORT_FORMATS.join(', ')}`);
      const locale = (typeof options.locale === 'string' ? options.locale : 'zh-CN') as ReportLocale;
      if (!REPORT_LOCALES.includes(locale))
        throw new UsageError(`--locale must be one of ${REPORT_LOCALES.join(', ')}`);
      const estate = await context!.get(EstatesService).findByCode(code.trim());
      if (!estate) throw new UsageError(`No estate with code ${code}`);
      const out = resolve(typeof options.out === 'string' ? options.out : '.');
      mkdirSync(out, { recursive: true });
      const { report, files } = await context!
        .get(ReportsService)
        .generateNow(estate, period, { locale, formats: [...new Set(formats)], requesterName: 'cli' });
      for (const file of files) {
        writeFileSync(join(out, file.fileName), file.bytes);
        console.log(`Wrote ${join(out, file.fileName)} (${file.bytes.length} bytes)`);
      }
      console.log(`Report ${report.id} for ${estate.code} ${period}: ${report.status}`);
    },
  },
  'work-orders:build-facts': {
    description:
      'Recompute the monthly work-order facts behind GET /work-orders/stats from the orders, for one estate or every one whose facts are missing or in another time zone (the scheduler does the same every 10 minutes)',
    usage: 'work-orders:build-facts [--estate CODE]',
    needsContext: true,
    async run(options, context) {
      const facts = context!.get(WorkOrderMonthlyFactsService);
      let estates: Estate[];
      if (typeof options.estate === 'string') {
        const estate = await context!.get(EstatesService).findByCode(options.estate.trim());
        if (!estate) throw new UsageError(`No estate with code ${options.estate}`);
        estates = [estate];
      } else estates = await facts.estatesToBuild();
      if (!estates.length) console.log('Every active estate has its work-order facts in its time zone');
      for (const estate of estates) {
        const result = await facts.build(estate.id);
        console.log(
          `Built the work-order facts of ${estate.code} (${result.timeZone}): ${result.orders} order(s), ${result.facts} fact row(s) in ${result.milliseconds} ms`,
        );
      }
    },
  },
  'seed:demo': {
    description:
      'Seed the demo estate 阳光花园 and one user per role (password demo1234); does nothing if it exists',
    usage: 'seed:demo',
    needsContext: true,
    async run(_options, context) {
      const { estateId } = await context!.get(DemoSeedService).seed();
      console.log(`Demo estate ready: ${estateId}`);
    },
  },
};
