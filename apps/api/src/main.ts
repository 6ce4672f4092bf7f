import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DemoSeedService, DEMO_LOGINS, DEMO_PASSWORD } from '@estate/demo';
import {
  ConfigurationError,
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
  let seeded = false;
  if (embedded && config.DEMO_SEED === 'auto') {
    const demo = app.get(DemoSeedService);
    if (await demo.isEmpty()) {
      await demo.seed();
      seeded = true;
    }
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
  if (embedded && config.DEMO_SEED === 'auto') {
    lines.push(
      `  Demo estate 阳光花园 ${seeded ? 'seeded just now' : 'in the database'}; logins (password ${DEMO_PASSWORD}):`,
    );
    lines.push(`    ${DEMO_LOGINS.map((login) => `${login.username} (${login.role})`).join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

void bootstrap();
