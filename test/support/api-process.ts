import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
const ENTRY = [
  '-r',
  'ts-node/register/transpile-only',
  '-r',
  'tsconfig-paths/register',
  join(ROOT, 'apps/api/src/main.ts'),
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A real API process (as process.e2e-spec.ts starts it): its port, pid and everything it printed. */
export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startApiProcess(
  environment: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<ApiProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ENTRY, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DEMO_SEED: 'off',
      MIGRATE_ON_START: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      ...environment,
      PORT: String(port),
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
    },
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 150_000);
  while (!output.includes('Estate Ops is running')) {
    if (gone) throw new Error(`The API process exited before it was ready:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API process was not ready in time:\n${output.slice(-3000)}`);
    }
    await sleep(100);
  }
  return {
    child,
    pid: child.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (gone) return;
      child.kill(signal);
      const patience = new AbortController();
      await Promise.race([
        exited,
        sleep(15_000, undefined, { signal: patience.signal }).catch(() => undefined),
      ]);
      patience.abort();
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls `condition` until it returns a truthy value or the time runs out (then throws `what`). */
export async function waitFor<T>(
  what: string,
  condition: () => Promise<T | undefined | null | false>,
  timeoutMs = 90_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await sleep(everyMs);
  }
}
