import { buildDataSourceOptions } from '@estate/database';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const TABLES = [
  'safety_incidents',
  'safety_incident_actions',
  'cleaning_zones',
  'cleaning_logs',
  'cleaning_inspections',
  'patrol_checkpoints',
  'patrol_routes',
  'patrol_route_checkpoints',
  'patrol_rounds',
  'patrol_scans',
  'patrol_round_misses',
  'patrol_missed_slots',
];

describe('field-operations migration (e2e)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(
      buildDataSourceOptions({
        DATABASE_URL: database.url,
        SQLITE_PATH: database.environment.SQLITE_PATH ?? ':memory:',
        DATABASE_POOL_SIZE: 2,
      }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('creates its tables, drops them all on revert, and applies again', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    try {
      for (const table of TABLES) expect(await runner.hasTable(table)).toBe(true);
      // revert down to (and including) ours: migrations merged after it are reverted first
      const applied = async () =>
        ((await dataSource.query('SELECT name FROM schema_migrations')) as { name: string }[]).some(
          (row) => row.name === 'FieldOperations1767225604000',
        );
      while (await applied()) await dataSource.undoLastMigration({ transaction: 'each' });
      for (const table of TABLES) expect(await runner.hasTable(table)).toBe(false);
      expect(await runner.hasTable('estates')).toBe(true);
      await dataSource.runMigrations({ transaction: 'each' });
      for (const table of TABLES) expect(await runner.hasTable(table)).toBe(true);
    } finally {
      await runner.release();
    }
  }, 60_000);
});
