import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface RunningApp {
  baseUrl: string;
  process: ChildProcess;
  directory: string;
  /** The API's output so far (stdout and stderr go to a file, so the app outlives a closed pipe). */
  log(): string;
}

/** The built API (which serves dist/web) on a fresh embedded database seeded with the demo estate. */
export async function startApp(port: number, environment: Record<string, string> = {}): Promise<RunningApp> {
  const directory = mkdtempSync(join(tmpdir(), 'estate-browser-'));
  const logFile = join(directory, 'api.log');
  const fd = openSync(logFile, 'a');
  const log = () => readFileSync(logFile, 'utf8');
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'api', 'main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      NODE_ENV: 'development',
      PORT: String(port),
      SQLITE_PATH: join(directory, 'estate.sqlite'),
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      WEB_DIST: join(ROOT, 'dist', 'web'),
      ...environment,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}):\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not answer /health in 120 s:\n${log()}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  return { baseUrl, process: child, directory, log };
}

export async function stopApp(app: RunningApp): Promise<void> {
  if (app.process.exitCode === null) {
    app.process.kill('SIGTERM');
    await new Promise((done) => app.process.once('exit', done));
  }
  rmSync(app.directory, { recursive: true, force: true });
}
