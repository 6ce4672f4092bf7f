import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DemoSeedService, DEMO_LOGINS, DEMO_PASSWORD } from '@estate/demo';
import {
  ConfigurationError,
  demoSeedWanted,
  EnvironmentVariables,
  isEmbeddedDatabase,
  validateEnvironment,
} from '@estate/shared';
import { AppModule } from './app.module';
import { applyServerTimeouts, configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  let config: EnvironmentVariables;
  try {
    config = validateEnvironment(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(AppModule.forRoot(process.env), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app, config);
  applyServerTimeouts(app, config);

  const embedded = isEmbeddedDatabase(config);
  const production = config.NODE_ENV === 'production';
  const demo = app.get(DemoSeedService);
  const demoWanted = demoSeedWanted(config);
  let seeded = false;
  if (demoWanted && (await demo.isEmpty())) {
    await demo.seed();
    seeded = true;
  }
  await app.listen(config.PORT);
  const base = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `Estate Ops is running on ${embedded ? `the embedded SQLite database (${config.SQLITE_PATH})` : 'MySQL'}`,
    `  API:     ${base}/api/v1`,
    `  Docs:    ${base}/docs   (OpenAPI JSON: ${base}/docs-json)`,
    `  Health:  ${base}/health`,
  ];
  const logins = DEMO_LOGINS.map((login) => `${login.username} (${login.role})`).join(', ');
  if (demoWanted && !production) {
    lines.push(
      `  Demo estate 阳光花园 ${seeded ? 'seeded just now' : 'in the database'}; logins (password ${DEMO_PASSWORD}):`,
    );
    lines.push(`    ${logins}`);
  } else if (seeded) {
    lines.push('  Demo estate 阳光花园 seeded just now (DEMO_SEED=on) with the documented demo logins:');
    lines.push(`    ${logins}`);
  } else if (await demo.isEmpty()) {
    lines.push(
      '  No users yet. Create the first admin: node dist/apps/cli/main.js user:create --username <name> --password <8+ chars> --role admin',
      '  (from a clone: npm run cli -- user:create …; the demo estate: DEMO_SEED=on or npm run seed:demo)',
    );
  }
  // Production never runs on the published demo password unnoticed — named, never printed.
  const known = production ? await demo.loginsWithDemoPassword() : [];
  if (known.length)
    lines.push(
      `  WARNING: ${known.join(', ')} still have the published demo password: change their passwords or deactivate them`,
    );
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

void bootstrap();
