// Scale (issue 12): BENCH_SCALE_TICKETS (default 100,000) tickets of the sample account, from
// BENCH_SCALE_SOURCE (freshdesk, or zendesk) into the Intercom emulator, every rate limit multiplied by
// BENCH_SCALE_RATE_FACTOR (default 100: limits "compressed in time", so the engine binds, not a limit). The
// emulators run in one child process (bench/engine-emulators.ts), the engine in another (bench/scale-engine.ts,
// one job worker, --expose-gc) whose RSS the bench reads from /proc every second. When about half the tickets
// are migrated the engine is killed with SIGKILL and a new one finishes the run; then the bench checks that
// nothing was doubled: each source ticket is one Intercom ticket, each holds as many comment parts as the
// ledger recorded, and total = migrated + failed + skipped for every entity. Database statements are the
// engine's knex statements (the job queue's own are not counted), per migrated ticket.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { getRunStatus, startRun, waitForRun, type RunStatusView } from '../src/app/runs.js';
import {
  askEmulators,
  benchDatabase,
  benchEngineInputs,
  benchMigration,
  startEmulators,
  type Ready,
} from './engine.js';
import type { TargetTicket } from './engine-emulators.js';
import type { EngineChildMessage } from './scale-engine.js';
import type { BenchCase } from './cases.js';
import { totalsCheck, totalsRows } from './totals-check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TICKETS = Number(process.env.BENCH_SCALE_TICKETS ?? 100_000);
const SOURCE = process.env.BENCH_SCALE_SOURCE === 'zendesk' ? 'zendesk' : 'freshdesk';
const RATE_FACTOR = Number(process.env.BENCH_SCALE_RATE_FACTOR ?? 100);
const GC_EVERY_S = Number(process.env.BENCH_SCALE_GC_S ?? 15);
/** The engine's V8 flags: by default the heap cap the Dockerfile gives a worker (NODE_OPTIONS there). */
const NODE_FLAGS = process.env.BENCH_SCALE_NODE_FLAGS ?? '--max-old-space-size=160';
/** How often the bench reads the run's status: each read counts the run's ledger rows (about a second of
 *  PostgreSQL at 600,000 rows), so a big run is read every 5 s, a small one often enough to stop it at half. */
const POLL_MS = Math.min(5000, Math.max(500, TICKETS / 20));

/** An engine child: its process, and the last statement count it reported. */
interface EngineChild {
  proc: ChildProcess;
  statements: number;
}

function startEngine(env: Record<string, string>, onLiveHeap: (mb: number) => void): Promise<EngineChild> {
  const proc = fork(path.join(here, 'scale-engine.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...NODE_FLAGS.split(' ').filter(Boolean)],
    env: { ...process.env, ...env },
  });
  const child: EngineChild = { proc, statements: 0 };
  return new Promise((resolve, reject) => {
    proc.once('exit', (code, signal) => reject(new Error(`engine exited early: ${signal ?? code}`)));
    proc.on('message', (m: EngineChildMessage) => {
      if (m.type === 'ready') resolve(child);
      if (m.type === 'statements') child.statements = m.n;
      if (m.type === 'live heap') onLiveHeap(m.mb);
    });
  });
}

/** VmRSS of a process in MB, from /proc (0 once it is gone). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : 0;
}

export interface RssSample {
  engine: number;
  migrated: number;
  mb: number;
}

/** RSS when the run had migrated `share` of its final count: the first sample at or past it. */
export function rssAtShare(samples: readonly RssSample[], finalMigrated: number, share: number): string {
  const s = samples.find((x) => x.migrated >= share * finalMigrated && x.mb > 0);
  return s ? `${s.mb} (engine ${s.engine})` : '—';
}

/** Nothing doubled: Intercom's tickets against the ledger's migrated tickets and their migrated parts. */
async function doubledCheck(db: Knex, migrationId: string, targets: readonly TargetTicket[]) {
  const bySource = new Map<string, TargetTicket[]>();
  for (const t of targets) bySource.set(t.sourceRef, [...(bySource.get(t.sourceRef) ?? []), t]);
  const doubled = [...bySource.values()].filter((ts) => ts.length > 1).length;
  const rows = await db('ledger as t')
    .leftJoin('ledger as p', function () {
      this.on('p.migration_id', 't.migration_id')
        .andOn('p.parent_source_id', 't.source_id')
        .andOnVal('p.entity', 'parts')
        .andOnVal('p.status', 'migrated');
    })
    .where({ 't.migration_id': migrationId, 't.entity': 'tickets', 't.status': 'migrated' })
    .groupBy('t.source_id', 't.target_id')
    .select<{ source_id: string; target_id: string; parts: string }[]>(
      't.source_id',
      't.target_id',
      db.raw('count(p.id) as parts'),
    );
  let wrongTicket = 0;
  let wrongParts = 0;
  let ledgerParts = 0;
  const examples: string[] = [];
  for (const r of rows) {
    ledgerParts += Number(r.parts);
    const held = bySource.get(`${SOURCE}:${r.source_id}`) ?? [];
    if (held.length !== 1 || held[0]!.id !== r.target_id) wrongTicket += 1;
    else if (held[0]!.commentParts !== Number(r.parts)) {
      wrongParts += 1;
      if (examples.length < 5)
        examples.push(`${r.source_id}: ${held[0]!.commentParts} held, ${r.parts} recorded`);
    }
  }
  return {
    doubled,
    wrongTicket,
    wrongParts,
    tickets: `${targets.length}, ${rows.length}`,
    parts: `${targets.reduce((n, t) => n + t.commentParts, 0)}, ${ledgerParts}`,
    doubledParts: targets.reduce((n, t) => n + t.doubledParts, 0),
    examples: examples.join('; ') || '—',
  };
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function benchScale(): Promise<Record<string, number | string>> {
  const load = loadavg()[0]!;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-bench-scale-'));
  const emulators = await startEmulators(
    SOURCE,
    { tickets: TICKETS, intercomLatencyMs: 0 },
    { BENCH_RATE_FACTOR: String(RATE_FACTOR) },
  );
  const ready: Ready = emulators.ready;
  const { db, drop } = await benchDatabase(dataDir);
  const engines: EngineChild[] = [];
  let migrated = 0;
  const samples: RssSample[] = [];
  const live: string[] = [];
  const sampler = setInterval(() => {
    const current = engines[engines.length - 1];
    if (!current?.proc.pid) return;
    void rssMb(current.proc.pid).then((mb) => {
      samples.push({ engine: engines.length, migrated, mb });
      // A progress line every 10 s on stderr: a long run shows it is moving.
      if (samples.length % 10 === 0)
        console.error(`  engine ${engines.length}: ${migrated} migrated, RSS ${mb} MB`);
    });
  }, 1000);
  try {
    const { intercom } = benchEngineInputs(SOURCE, ready, dataDir);
    const migrationId = await benchMigration(db, SOURCE, ready, intercom);
    const engineEnv = {
      DATABASE_URL: db.url,
      BENCH_SOURCE: SOURCE,
      BENCH_READY: JSON.stringify(ready),
      BENCH_MIGRATION_ID: migrationId,
      BENCH_DATA_DIR: dataDir,
      BENCH_GC_EVERY_S: String(GC_EVERY_S),
    };
    const onLiveHeap = (mb: number) => live.push(`${mb}@${migrated}`);
    engines.push(await startEngine(engineEnv, onLiveHeap));
    const started = Date.now();
    const runId = await startRun(db.knex, migrationId, 'full');
    const onProgress = (s: RunStatusView) => (migrated = s.counters.tickets?.migrated ?? 0);
    // Until about half the tickets are migrated (or the run ended first, on a tiny account).
    const half = Math.floor(TICKETS / 2);
    let first = await getRunStatus(db.knex, runId);
    while (first.status === 'running' || first.status === 'planned') {
      onProgress(first);
      if (migrated >= half) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
      first = await getRunStatus(db.knex, runId);
    }
    const killedAt = migrated;
    const killed = engines[0]!;
    killed.proc.removeAllListeners('exit');
    const gone = new Promise((r) => killed.proc.once('exit', r));
    killed.proc.kill('SIGKILL');
    await gone;
    const killedAtS = (Date.now() - started) / 1000;
    const pendingAfterKill = await db
      .knex('ledger')
      .where({ migration_id: migrationId, status: 'pending' })
      .count<{ n: string }[]>('* as n');
    engines.push(await startEngine(engineEnv, onLiveHeap));
    // The killed worker's job is taken over once its lock is stale (the job runner's default, 30 s).
    let resumedAtS = 0;
    const status = await waitForRun(db.knex, runId, {
      pollMs: POLL_MS,
      onProgress: (s) => {
        onProgress(s);
        if (!resumedAtS && migrated > killedAt) resumedAtS = (Date.now() - started) / 1000;
      },
    });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const statements = engines.reduce((n, e) => n + e.statements, 0);
    const doubled = await doubledCheck(
      db.knex,
      migrationId,
      await askEmulators<TargetTicket[]>(emulators.child, 'targets'),
    );
    const totals = await totalsCheck(db.knex, status);
    const working = seconds - Math.max(0, resumedAtS - killedAtS);
    const t = status.counters.tickets;
    const peak = (engine: number) =>
      Math.max(0, ...samples.filter((s) => s.engine === engine).map((s) => s.mb));
    return {
      'tickets (account), source, rate limits ×': `${TICKETS}, ${SOURCE}, ${RATE_FACTOR}`,
      'engine V8 flags': NODE_FLAGS || '—',
      status: `${status.status}${status.lastError ? `: ${status.lastError}` : ''}`,
      'tickets migrated/failed/skipped': `${t?.migrated}/${t?.failed}/${t?.skipped}`,
      seconds: round(seconds),
      'seconds waiting for the killed worker\u2019s job to go stale': round(resumedAtS - killedAtS),
      'tickets/s (without that wait)': round((t?.migrated ?? 0) / working, 2),
      [`extrapolated minutes for ${(100_000).toLocaleString('en')} tickets at that rate`]: round(
        100_000 / ((t?.migrated ?? 0) / working) / 60,
        0,
      ),
      'peak RSS MB (engine 1, engine 2)': `${Math.max(peak(1), peak(2))} (${peak(1)}, ${peak(2)})`,
      'RSS MB at 25/50/75/100 % migrated': [0.25, 0.5, 0.75, 1]
        .map((share) => rssAtShare(samples, t?.migrated ?? 0, share))
        .join(', '),
      [`live heap after full GC every ${GC_EVERY_S} s, MB@migrated`]: live.join(' '),
      'db statements/ticket': round(statements / Math.max(1, t?.migrated ?? 0), 2),
      'killed (SIGKILL) at migrated tickets, s': `${killedAt}, ${round(killedAtS)}`,
      'ledger rows pending right after the kill': Number(pendingAfterKill[0]?.n ?? 0),
      'doubled Intercom tickets': doubled.doubled,
      'Intercom tickets, ledger migrated tickets': doubled.tickets,
      'Intercom comment parts, ledger migrated parts': doubled.parts,
      'migrated tickets not held once as recorded': doubled.wrongTicket,
      'tickets whose comment parts ≠ the ledger\u2019s migrated parts': doubled.wrongParts,
      'of them (ticket source id)': doubled.examples,
      'comment parts doubled in Intercom (same time, author, type, body)': doubled.doubledParts,
      'run counters migrated/failed/skipped': Object.entries(status.counters)
        .map(([entity, c]) => `${entity} ${c.migrated}/${c.failed}/${c.skipped}`)
        .join(', '),
      ...totalsRows(totals),
      'load average (1 min) at start, at end': `${round(load)}, ${round(loadavg()[0]!)}`,
    };
  } finally {
    clearInterval(sampler);
    for (const e of engines) {
      if (e.proc.exitCode !== null || e.proc.signalCode !== null) continue;
      e.proc.removeAllListeners('exit');
      const exited = new Promise((r) => e.proc.once('exit', r));
      e.proc.disconnect();
      await exited;
    }
    emulators.child.removeAllListeners('exit');
    emulators.child.kill();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const scaleCase: BenchCase = {
  name: `scale: ${TICKETS} tickets on one worker, SIGKILLed halfway (BENCH_SCALE_TICKETS)`,
  run: benchScale,
};
