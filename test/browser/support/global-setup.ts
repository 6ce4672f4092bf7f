import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startApp } from './server';

export const STATE_FILE = join(tmpdir(), `estate-browser-${process.env.BROWSER_PORT ?? '3950'}.json`);

/** One app for the whole browser run (the demo seed takes ~7 s); tests make their own records. */
export default async function globalSetup(): Promise<void> {
  if (process.env.BROWSER_BASE_URL) return;
  const port = Number(process.env.BROWSER_PORT ?? 3950);
  const app = await startApp(port);
  writeFileSync(STATE_FILE, JSON.stringify({ pid: app.process.pid, directory: app.directory }));
  app.process.unref();
}
