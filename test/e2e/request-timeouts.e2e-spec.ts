import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { connect } from 'node:net';
import { AddressInfo } from 'node:net';
import { validateEnvironment } from '@estate/shared';
import { AppModule } from '../../apps/api/src/app.module';
import { applyServerTimeouts, configureApp } from '../../apps/api/src/configure-app';
import { TEST_JWT_SECRET } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue #10, "request timeouts are set": the real applyServerTimeouts on a real listening server with
 * REQUEST_TIMEOUT_MS = 1 s. A handler that does not answer, a client that stops sending its body and
 * one that stops in the middle of its headers are each cut off within a few seconds — never left hanging.
 */
describe('Request time-outs (e2e)', () => {
  let app: INestApplication;
  let database: TestDatabase;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const environment = {
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      SCHEDULER_ENABLED: 'false',
      DEMO_SEED: 'off',
      MIGRATE_ON_START: 'true',
      REQUEST_TIMEOUT_MS: '1000',
      KEEP_ALIVE_TIMEOUT_MS: '1000',
      ...database.environment,
    };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(environment)] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    // A stand-in for a slow query: answers after 4 s, well past the 1 s limit.
    app.use('/test-slow', (_request: unknown, response: { end(text: string): void }) => {
      setTimeout(() => response.end('late'), 4000);
    });
    const config = validateEnvironment(environment);
    configureApp(app, config);
    applyServerTimeouts(app, config);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Sends raw bytes, returns what came back and how long until the server closed the socket. */
  function exchange(raw: string): Promise<{ text: string; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const socket = connect(port, '127.0.0.1', () => socket.write(raw));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve({ text, ms: Date.now() - started }));
      socket.on('error', reject);
      socket.setTimeout(15_000, () => {
        socket.destroy();
        reject(new Error(`still open after 15 s; received: ${text}`));
      });
    });
  }

  it('answers 503 REQUEST_TIMEOUT in the error shape when the handler takes too long', async () => {
    const { text, ms } = await exchange('GET /test-slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      statusCode: 503,
      code: 'REQUEST_TIMEOUT',
      message: expect.any(String),
    });
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3500);
  });

  it('answers 408 and closes when the client stops sending its body', async () => {
    const { text, ms } = await exchange(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":',
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(ms).toBeLessThan(3500);
  });

  it('closes the socket when the client stops in the middle of its headers', async () => {
    const { ms } = await exchange('GET /health HTTP/1.1\r\nHost: local');
    expect(ms).toBeLessThan(3500);
  });

  it('still answers ordinary requests', async () => {
    const { text } = await exchange('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
  });
});
