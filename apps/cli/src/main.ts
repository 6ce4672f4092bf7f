import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigurationError, DomainError } from '@estate/shared';
import { CliModule } from './cli.module';
import { parseOptions, UsageError } from './arguments';
import { COMMANDS } from './commands';

function help(): string {
  const rows = Object.entries(COMMANDS).map(
    ([name, command]) =>
      `  ${name.padEnd(18)} ${command.description}\n  ${' '.repeat(18)} usage: cli ${command.usage}`,
  );
  return `Estate Ops operator commands (database from DATABASE_URL, else the embedded SQLite file)\n\n${rows.join('\n')}\n`;
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command: ${name}\n\n${help()}`);
    return 2;
  }
  const options = parseOptions(rest);
  if (!command.needsContext) {
    await command.run(options);
    return 0;
  }
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(), {
    logger: ['error', 'warn'],
  });
  try {
    if (await context.get(DataSource).showMigrations()) {
      throw new UsageError(
        'The database has pending migrations: run `npm run migrate` (node dist/apps/cli/main.js migrate) first',
      );
    }
    await command.run(options, context);
    return 0;
  } finally {
    await context.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigurationError) console.error(error.message);
    else if (error instanceof DomainError) console.error(`${error.code}: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
