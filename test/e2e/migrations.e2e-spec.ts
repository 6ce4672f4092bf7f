import { ALL_MIGRATIONS, buildDataSourceOptions } from '@estate/database';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Every migration, on the engine under test: all the way up, all the way down, and up again. */
describe('migrations (e2e)', () => {
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

  /** The tables of this database only (on MySQL, information_schema would otherwise show too). */
  const tables = async (): Promise<string[]> => {
    const rows: { name: string }[] =
      database.dialect === 'mysql'
        ? await dataSource.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          )
        : await dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'");
    return rows
      .map((row) => row.name)
      .filter((name) => name !== 'schema_migrations' && !name.startsWith('sqlite_'))
      .sort();
  };

  it('applies every migration, reverts each with its down, and applies them again to the same schema', async () => {
    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength(ALL_MIGRATIONS.length);
    const schema = await tables();
    expect(schema).toEqual(
      expect.arrayContaining(['estates', 'units', 'users', 'job_runs', 'audit_entries']),
    );
    for (let index = 0; index < ALL_MIGRATIONS.length; index++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(schema);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
