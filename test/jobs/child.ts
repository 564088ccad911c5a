// Starts test/jobs/fixtures/child-runner.ts in its own Node process and resolves once it is running.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/child-runner.ts');

const spawned = new Set<ChildProcess>();

export function spawnChildRunner(databaseUrl: string, concurrency = 1): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CONCURRENCY: String(concurrency) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  spawned.add(proc);
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`child runner exited early with code ${code}`));
    proc.once('exit', onExit);
    proc.stdout!.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      proc.off('exit', onExit);
      resolve(proc);
    });
  });
}

export function exitOf(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
}

/** For afterAll: no child outlives its test file, whatever the test did. */
export function killChildren(): void {
  for (const proc of spawned) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  spawned.clear();
}
