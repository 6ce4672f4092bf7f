import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { ConfigurationError, DomainError } from '@estate/shared';
import { CliModule } from './cli.module';
import { COMMANDS, Options, UsageError } from './commands';

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
  const { values } = parseArgs({ args: rest, strict: false, allowPositionals: false });
  const options = values as Options;
  if (!command.needsContext) {
    await command.run(options);
    return 0;
  }
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(), {
    logger: ['error', 'warn'],
  });
  try {
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
