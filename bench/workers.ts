// Many workspaces on a few workers (issue 12): BENCH_WORKSPACES (10) migrations, each into its own Intercom
// workspace, all started at once, run by 1 and then 4 worker processes sharing one PostgreSQL. The work is
// latency-bound on purpose: Intercom answers after BENCH_LATENCY_MS ± 50 % and each slot keeps 2 records in
// flight, so a slot mostly waits and 4 processes can do ~4× the work of one on this 2-core machine (CPU-bound
// work could not scale past the cores). Reports throughput on 1 and 4 workers and their ratio, and each
// migration's share of worker time (summed from the stage jobs' "run stage ended" lines) against the mean.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { z } from 'zod';
import { migrateLatest } from '../src/db/migrate.js';
import { installSchema } from '../src/jobs/runner/index.js';
import { createMigration, ensureWorkspace, startRun, waitForRun } from '../src/app/runs.js';
import { benchDatabase } from './engine.js';
import type { WorkspaceEmulator } from './workers-emulators.js';
import type { BenchCase } from './cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
const TICKETS = Number(process.env.BENCH_WORKERS_TICKETS ?? 20);
const WORKSPACES = Number(process.env.BENCH_WORKSPACES ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 1);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 10_000);
/** Worker counts to run, in order (a diagnosis may run one alone); the ratio needs 1 and 4. */
const SETTINGS = (process.env.BENCH_WORKER_COUNTS ?? '1,4').split(',').map(Number);
const FRESHDESK_KEY = 'bench-key';

interface Ready {
  type: 'ready';
  freshdeskUrl: string;
  workspaces: WorkspaceEmulator[];
}
type Stats = Array<{ calls: number; rateLimited: number; tickets: number }>;

function startEmulators(): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(path.join(here, 'workers-emulators.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_TICKETS: String(TICKETS),
      BENCH_WORKSPACES: String(WORKSPACES),
      BENCH_LATENCY_MS: String(LATENCY_MS),
      BENCH_FRESHDESK_KEY: FRESHDESK_KEY,
    },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`)));
    child.once('message', (m: Ready) => resolve({ child, ready: m }));
  });
}

function askStats(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    const on = (m: { type: string; data: Stats }) => {
      if (m.type !== 'stats') return;
      child.off('message', on);
      resolve(m.data);
    };
    child.on('message', on);
    child.send({ type: 'stats' });
  });
}

const stageEnded = z.object({ msg: z.literal('run stage ended'), run: z.string(), ms: z.number() });

/** A worker process; `onStage` hears each stage job's run and how long it held its slot. */
function startWorker(
  env: Record<string, string>,
  onStage: (run: string, ms: number) => void,
): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'workers-worker.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.includes('"ready"')) resolve(proc);
      if (!line.includes('run stage ended')) return;
      const parsed = stageEnded.safeParse(JSON.parse(line));
      if (parsed.success) onStage(parsed.data.run, parsed.data.ms);
    });
  });
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function oneSetting(workers: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-bench-workers-'));
  const { child, ready } = await startEmulators();
  const { db, drop } = await benchDatabase(dataDir);
  const procs: ChildProcess[] = [];
  try {
    await migrateLatest(db.knex);
    await installSchema(db.url, logger);
    const map: Record<string, { url: string; token: string }> = {};
    const migrations: string[] = [];
    for (const ws of ready.workspaces) {
      const id = await ensureWorkspace(db.knex, ws.workspaceId, ws.workspaceId);
      map[id] = { url: ws.url, token: ws.token };
      migrations.push(
        await createMigration(db.knex, {
          workspaceId: id,
          name: `bench ${ws.workspaceId}`,
          platform: 'freshdesk',
          sourceAccount: ready.freshdeskUrl,
          settings: { entities: ['contacts', 'companies', 'tickets'] },
        }),
      );
    }
    const slotMs = new Map<string, number>();
    const busyMs = Array.from({ length: workers }, () => 0);
    let longestJobMs = 0;
    const env = {
      DATABASE_URL: db.url,
      BENCH_FRESHDESK_URL: ready.freshdeskUrl,
      BENCH_FRESHDESK_KEY: FRESHDESK_KEY,
      BENCH_WORKSPACES: JSON.stringify(map),
      BENCH_SLOTS: String(SLOTS),
      BENCH_SLICE_MS: String(SLICE_MS),
    };
    for (let i = 0; i < workers; i++)
      procs.push(
        await startWorker(env, (run, ms) => {
          slotMs.set(run, (slotMs.get(run) ?? 0) + ms);
          busyMs[i]! += ms;
          longestJobMs = Math.max(longestJobMs, ms);
        }),
      );
    const started = Date.now();
    const runs = await Promise.all(migrations.map((m) => startRun(db.knex, m, 'full')));
    const finishedAt: number[] = [];
    const statuses = await Promise.all(
      runs.map((id) =>
        waitForRun(db.knex, id, { pollMs: 250 }).then((s) => {
          finishedAt.push((Date.now() - started) / 1000);
          return s;
        }),
      ),
    );
    const seconds = (Date.now() - started) / 1000;
    const stats = await askStats(child);
    const migrated = statuses.reduce((n, s) => n + (s.counters.tickets?.migrated ?? 0), 0);
    const problems = statuses.filter((s) => s.status !== 'completed' || s.lastError);
    const shares = runs.map((id) => slotMs.get(id) ?? 0);
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    const deviation = Math.max(...shares.map((s) => Math.abs(s / mean - 1)));
    const doubled = stats.filter(
      (s, i) => s.tickets !== (statuses[i]?.counters.tickets?.migrated ?? -1),
    ).length;
    return {
      seconds,
      migrated,
      ticketsPerS: migrated / seconds,
      callsPerS: stats.reduce((n, s) => n + s.calls, 0) / seconds,
      rateLimited: stats.reduce((n, s) => n + s.rateLimited, 0),
      deviation,
      finishedAt: finishedAt.sort((a, b) => a - b),
      busyShare: busyMs.map((ms) => ms / 1000 / seconds),
      longestJobS: longestJobMs / 1000,
      problems: problems.length,
      doubled,
    };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(
      procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))),
    );
    child.kill();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchWorkers(): Promise<Record<string, number | string>> {
  const load = loadavg()[0]!;
  const results = new Map<number, Awaited<ReturnType<typeof oneSetting>>>();
  for (const workers of SETTINGS) results.set(workers, await oneSetting(workers));
  const row = (label: string, r: Awaited<ReturnType<typeof oneSetting>>) => ({
    [`${label}: seconds`]: round(r.seconds, 1),
    [`${label}: each migration done at (s)`]: r.finishedAt.map((s) => round(s, 0)).join(' '),
    [`${label}: each worker busy (share of the run), longest stage job`]: `${r.busyShare.map((b) => `${round(b * 100, 0)} %`).join(' ')}, ${round(r.longestJobS, 1)} s`,
    [`${label}: tickets/s, Intercom calls/s`]: `${round(r.ticketsPerS)}, ${round(r.callsPerS, 1)}`,
    [`${label}: max deviation of a migration's worker time from the mean`]: `${round(r.deviation * 100, 1)} %`,
    [`${label}: runs not completed, workspaces whose Intercom holds ≠ migrated tickets, 429s`]: `${r.problems}, ${r.doubled}, ${r.rateLimited}`,
  });
  return {
    [`migrations × tickets, latency, slots per worker, slice`]: `${WORKSPACES} × ${TICKETS}, ${LATENCY_MS} ± ${LATENCY_MS / 2} ms, ${SLOTS}, ${SLICE_MS / 1000} s`,
    ...Object.fromEntries(
      [...results].flatMap(([workers, r]) =>
        Object.entries(row(`${workers} worker${workers > 1 ? 's' : ''}`, r)),
      ),
    ),
    ...(results.has(1) && results.has(4)
      ? {
          'throughput 4 workers ÷ 1 worker': round(results.get(4)!.ticketsPerS / results.get(1)!.ticketsPerS),
        }
      : {}),
    'load average (1 min) at start': round(load, 1),
  };
}

export const workersCase: BenchCase = {
  name: `workers: ${WORKSPACES} migrations in ${WORKSPACES} workspaces on 1 and 4 worker processes`,
  run: benchWorkers,
};
