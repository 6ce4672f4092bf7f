import { existsSync, readFileSync, rmSync } from 'node:fs';
import { STATE_FILE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(STATE_FILE)) return;
  const { pid, directory } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as {
    pid: number;
    directory: string;
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let waited = 0; waited < 5000; waited += 100) {
    try {
      process.kill(pid, 0);
      await new Promise((done) => setTimeout(done, 100));
    } catch {
      break;
    }
  }
  rmSync(directory, { recursive: true, force: true });
  rmSync(STATE_FILE, { force: true });
}
