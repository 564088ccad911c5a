// The engine at full speed: BENCH_TICKETS (default 1,000; the issue's figure is 10,000) tickets of about 5
// comments each, from each source, into the Intercom emulator limited to 1,000 calls per 10 s, with the
// source at its real plan limits (Zendesk 700 calls/min and 10 export calls/min; Freshdesk 700/min). The
// emulators run in a child process (bench/engine-emulators.ts) so the peak memory is the engine's own.
// Reports which side binds, achieved rate ÷ the binding limit, calls per ticket on both sides, peak memory
// and database statements per ticket (the engine's knex statements; the job queue's own are not counted).
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startDatabase, type Database } from '../src/db/database.js';
import { migrateLatest } from '../src/db/migrate.js';
import { installSchema } from '../src/jobs/runner/index.js';
import { createMigration, ensureWorkspace, startRun, waitForRun } from '../src/app/runs.js';
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';
import { defaultSettings } from '../src/settings/settings.js';
import { recordTags } from '../src/transform/tags.js';
import { startEngineHost } from '../src/cli/engine-host.js';
import { cliConnector, cliIntercom } from '../src/cli/source.js';
import type { EmulatorStats } from './engine-emulators.js';
import type { IntercomClient } from '../src/intercom/index.js';
import type { WindowSample } from '../src/engine/stage-window.js';
import type { BenchCase } from './cases.js';
import { totalsCheck, totalsRows } from './totals-check.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1000);
const INTERCOM_PER_S = 1000 / 10;

export interface Ready {
  type: 'ready';
  sourceUrl: string;
  intercomUrl: string;
  intercomToken: string;
}

/** A run's shape: how many tickets, and Intercom's answer latency (± 50 %) in ms. */
export interface RunShape {
  tickets: number;
  intercomLatencyMs: number;
}

/** The emulators in their own process (bench/engine-emulators.ts); `env` adds its options (BENCH_RATE_FACTOR). */
export function startEmulators(
  source: 'zendesk' | 'freshdesk',
  shape: RunShape,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(path.join(here, 'engine-emulators.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_SOURCE: source,
      BENCH_TICKETS: String(shape.tickets),
      BENCH_INTERCOM_LATENCY_MS: String(shape.intercomLatencyMs),
      ...env,
    },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`)));
    child.once('message', (m: Ready) => resolve({ child, ready: m }));
  });
}

/** Asks the emulators' process for `type` ("stats", "targets") and resolves to its answer's data. */
export function askEmulators<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string; data: T }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m.data);
    };
    child.on('message', on);
    child.send({ type });
  });
}

const askStats = (child: ChildProcess) => askEmulators<EmulatorStats>(child, 'stats');

/** A fresh database on DATABASE_URL's server, or the embedded default in a temporary folder. */
export async function benchDatabase(dataDir: string): Promise<{ db: Database; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    const db = await startDatabase({ databaseUrl: undefined, dataDir }, logger);
    return { db, drop: () => db.stop() };
  }
  const name = `ferry_bench_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const dropDatabase = () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  benchDatabases.add(dropDatabase);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await startDatabase({ databaseUrl: url.toString(), dataDir }, logger);
  return {
    db,
    async drop() {
      await db.stop();
      await dropDatabase();
      benchDatabases.delete(dropDatabase);
    },
  };
}

/** The bench databases not dropped yet: an interrupted bench (Ctrl-C, a kill) drops them on its way out. */
const benchDatabases = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`${signal}: dropping ${benchDatabases.size} bench database(s)`);
    void Promise.allSettled([...benchDatabases].map((drop) => drop())).then(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  });

/**
 * Per migrated ticket on average (deleted tickets are skipped): comments, the source's tags, the tags Ferry
 * writes (the source's plus the default "migrated-from-<platform>" tag), and tickets with CCs or followers
 * (named in one private note each). The Intercom-calls target is built from these.
 */
function accountShape(platform: 'zendesk' | 'freshdesk', tickets: number) {
  const account = createSampleAccount({ seed: 'bench', tickets });
  const deleted = new Set(account.deletedTicketIndexes());
  const settings = defaultSettings();
  let comments = 0;
  let sourceTags = 0;
  let writtenTags = 0;
  let ccNotes = 0;
  for (let i = 0; i < tickets; i++) {
    if (deleted.has(i)) continue;
    const t = account.ticket(i);
    comments += account.commentCount(i);
    sourceTags += t.tags.length;
    writtenTags += recordTags(t.tags, settings, platform).length;
    if (t.ccIds.length + t.followerIds.length > 0) ccNotes += 1;
  }
  const n = tickets - deleted.size;
  return {
    comments: comments / n,
    sourceTags: sourceTags / n,
    writtenTags: writtenTags / n,
    ccNotes: ccNotes / n,
  };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * When the tickets stage had work for the window, from the ledger's clock: the first ticket's pending mark
 * to the last final mark of every ticket but the one with the most parts. That ticket's parts go strictly
 * one after another (600 × the latency for the sample's longest), so on a small account it runs alone long
 * after the rest: the run cannot end before it, whatever the window. Reported apart, as `aloneMs`.
 */
async function ticketSpan(knex: Database['knex'], migrationId: string) {
  const rows = await knex('ledger as t')
    .where({ 't.migration_id': migrationId, 't.entity': 'tickets', 't.status': 'migrated' })
    .select<{ source_id: string; started: Date; done: Date; parts: string }[]>(
      't.source_id',
      't.created_at as started',
      't.updated_at as done',
      knex.raw(
        `(select count(*) from ledger p where p.migration_id = t.migration_id and p.entity = 'parts' and p.parent_source_id = t.source_id) as parts`,
      ),
    );
  const longest = rows.reduce((a, b) => (Number(b.parts) > Number(a.parts) ? b : a), rows[0]!);
  const others = rows.filter((r) => r !== longest);
  const othersDoneMs = Math.max(...others.map((r) => r.done.getTime()));
  return {
    firstStartMs: Math.min(...rows.map((r) => r.started.getTime())),
    othersDoneMs,
    longestParts: Number(longest.parts),
    aloneMs: Math.max(0, longest.done.getTime() - othersDoneMs),
  };
}

type Target = 'tickets' | 'conversations';

/** The median of a histogram (value → samples). */
function median(histogram: Record<number, number>): number {
  const entries = Object.entries(histogram)
    .map(([v, n]) => [Number(v), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((t, [, n]) => t + n, 0);
  let seen = 0;
  for (const [v, n] of entries) if ((seen += n) * 2 >= total) return v;
  return 0;
}

/** What the engine needs against the emulators: config (PORT=0), the source connector, the Intercom client. */
export function benchEngineInputs(source: 'zendesk' | 'freshdesk', ready: Ready, dataDir: string) {
  const config = loadConfig({ PORT: '0', FERRY_DATA_DIR: dataDir, NODE_ENV: 'test' });
  const auth =
    source === 'zendesk'
      ? ({ platform: 'zendesk', email: 'admin@sample-support.test', token: 'bench-token' } as const)
      : ({ platform: 'freshdesk', apiKey: 'bench-key' } as const);
  const connector = cliConnector({ auth, fromUrl: ready.sourceUrl }, logger);
  const intercom = cliIntercom({ toUrl: ready.intercomUrl, toToken: ready.intercomToken }, logger);
  return { config, connector, intercom };
}

/** The schema, job queue and a migration of contacts, companies and tickets into the emulated workspace. */
export async function benchMigration(
  db: Database,
  source: 'zendesk' | 'freshdesk',
  ready: Ready,
  intercom: IntercomClient,
  target: Target = 'tickets',
): Promise<string> {
  await migrateLatest(db.knex);
  await installSchema(db.url, logger);
  const me = await intercom.getMe();
  const workspaceId = await ensureWorkspace(db.knex, me.app!.id_code, 'bench');
  return createMigration(db.knex, {
    workspaceId,
    name: `bench ${source}`,
    platform: source,
    sourceAccount: ready.sourceUrl,
    settings: { entities: ['contacts', 'companies', 'tickets'], target },
  });
}

export async function benchSource(
  source: 'zendesk' | 'freshdesk',
  target: Target = 'tickets',
  shape: RunShape = { tickets: TICKETS, intercomLatencyMs: 0 },
): Promise<Record<string, number | string>> {
  const load = loadavg()[0]!;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-bench-'));
  const { child, ready } = await startEmulators(source, shape);
  // Tickets in flight, seen each time a ticket is about to start (the engine's window at work).
  const ticketsInFlight: Record<number, number> = {};
  const onWindow = (w: WindowSample) => {
    if (w.entity !== 'tickets') return;
    ticketsInFlight[w.inFlight] = (ticketsInFlight[w.inFlight] ?? 0) + 1;
  };
  const { db, drop } = await benchDatabase(dataDir);
  let statements = 0;
  db.knex.on('query', () => statements++);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 200);
  // With NODE_OPTIONS=--expose-gc: the live heap (after a full collection) every 20 s, to tell a leak (it
  // climbs) from garbage a longer run keeps longer (it does not).
  const gc = (globalThis as { gc?: () => void }).gc;
  const live: number[] = [];
  const liveSample = gc
    ? setInterval(() => {
        gc();
        live.push(Math.round(process.memoryUsage().heapUsed / 2 ** 20));
      }, 20_000)
    : undefined;
  try {
    const { config, connector, intercom } = benchEngineInputs(source, ready, dataDir);
    const migrationId = await benchMigration(db, source, ready, intercom, target);
    const host = await startEngineHost({
      config,
      logger,
      db,
      migrationId,
      connector,
      intercom,
      tuning: { onWindow },
    });
    const baseRss = process.memoryUsage().rss;
    const before = await askStats(child);
    statements = 0;
    const started = Date.now();
    let status;
    try {
      const runId = await startRun(db.knex, migrationId, 'full');
      status = await waitForRun(db.knex, runId, { pollMs: 1000 });
    } finally {
      await host.stop();
      // The run's memory only: what the bench computes afterwards (the account's shape) is not the engine's.
      clearInterval(sample);
      clearInterval(liveSample);
    }
    const seconds = (Date.now() - started) / 1000;
    const after = await askStats(child);
    const migrated = status.counters.tickets?.migrated ?? 0;
    const perTicket = (n: number) => round(n / Math.max(1, migrated));
    const byKind = (from: Record<string, number>, to: Record<string, number>): string =>
      Object.entries(to)
        .map(([kind, n]) => [kind, n - (from[kind] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${kind} ${perTicket(n)}`)
        .join(', ');
    const intercomCalls = after.intercomCalls - before.intercomCalls;
    const sourceCalls = after.sourceCalls - before.sourceCalls;
    const exportCalls = after.sourceExportCalls - before.sourceExportCalls;
    const use = {
      intercom: intercomCalls / seconds / INTERCOM_PER_S,
      // Freshdesk's 700 a minute counts credits (an include costs more: src/sandbox/freshdesk/QUIRKS.md).
      [`${source} (700/min${source === 'freshdesk' ? ' credits' : ''})`]:
        (after.sourceLimited - before.sourceLimited) / seconds / (700 / 60),
      ...(source === 'zendesk' ? { 'zendesk exports (10/min)': exportCalls / seconds / (10 / 60) } : {}),
    };
    const [binding, share] = Object.entries(use).sort((a, b) => b[1] - a[1])[0]!;
    const account = accountShape(source, shape.tickets);
    // The issue's per-ticket allowance beyond comments and tags: 3 as tickets, 4 as conversations.
    const extra = target === 'tickets' ? 3 : 4;
    const answered429 = after.intercom429 - before.intercom429;
    const span = await ticketSpan(db.knex, migrationId);
    const totals = await totalsCheck(db.knex, status);
    // Whole seconds strictly inside the span (partial seconds at either end left out).
    const from = Math.ceil(span.firstStartMs / 1000);
    const to = Math.floor(span.othersDoneMs / 1000);
    let spanCalls = 0;
    for (let sec = from; sec < to; sec++) spanCalls += after.intercomBySecond[sec] ?? 0;
    const spanShare = to > from ? spanCalls / (to - from) / INTERCOM_PER_S : NaN;
    return {
      tickets: shape.tickets,
      'Intercom latency ms (± 50 %)': shape.intercomLatencyMs,
      status: `${status.status}${status.lastError ? `: ${status.lastError}` : ''}`,
      'tickets migrated/failed/skipped': `${migrated}/${status.counters.tickets?.failed}/${status.counters.tickets?.skipped}`,
      seconds: round(seconds, 1),
      ...totalsRows(totals),
      // The side nearest its limit; when none is near it (and Intercom never said 429), the engine binds.
      'binding side': binding,
      'achieved rate ÷ binding limit': round(share, 3),
      'limited by':
        share >= 0.9 || after.intercom429 > before.intercom429
          ? binding
          : 'the engine itself (no side at its limit)',
      'Intercom calls/s': round(intercomCalls / seconds, 1),
      'Intercom 429 answers': answered429,
      'share of Intercom calls answered 429': round(
        answered429 / Math.max(1, intercomCalls + answered429),
        4,
      ),
      'Intercom calls/s ÷ limit until all but the longest ticket were done': round(spanShare, 3),
      'seconds until all but the longest ticket were done': Math.max(0, to - from),
      'longest ticket: parts': span.longestParts,
      'longest ticket: seconds it ran alone at the end': round(span.aloneMs / 1000, 1),
      'median Intercom calls in flight (while any)': median(after.intercomInFlight),
      'median tickets in flight (at each start)': median(ticketsInFlight),
      'Intercom calls/ticket': perTicket(intercomCalls),
      [`Intercom calls/ticket on /${target}/*`]: perTicket(
        Object.entries(after.intercomByKind)
          .filter(([kind]) => kind.split(' ')[1]!.startsWith(`/${target}`))
          .reduce((n, [kind, v]) => n + v - (before.intercomByKind[kind] ?? 0), 0),
      ),
      // "tags" read as the tags each ticket gets in Intercom (the migrated tag is one); the source's alone too.
      [`target: comments + tags written + ${extra}`]: round(account.comments + account.writtenTags + extra),
      [`target: comments + source tags + ${extra}`]: round(account.comments + account.sourceTags + extra),
      'CC/follower notes/ticket (account)': round(account.ccNotes),
      'Intercom calls/ticket by kind': byKind(before.intercomByKind, after.intercomByKind),
      'comments/ticket (account)': round(account.comments),
      'tags written/ticket (account)': round(account.writtenTags),
      'source calls/ticket': perTicket(sourceCalls),
      'source calls/ticket by kind': byKind(before.sourceByKind, after.sourceByKind),
      ...(source === 'zendesk' ? { 'export calls': exportCalls } : {}),
      'peak RSS MB': round(peakRss / 2 ** 20, 0),
      'peak JS heap used MB': round(peakHeap / 2 ** 20, 0),
      ...(gc ? { 'live heap after GC every 20 s, MB': live.join(' ') } : {}),
      'RSS before run MB': round(baseRss / 2 ** 20, 0),
      'db statements/ticket': perTicket(statements),
      'load average (1 min) at start': round(load, 1),
    };
  } finally {
    clearInterval(sample);
    child.kill();
    await drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const engineCases: BenchCase[] = [
  ...(['zendesk', 'freshdesk'] as const).map((source) => ({
    name: `engine: ${source} full run into Intercom (BENCH_TICKETS=${TICKETS}), real rate limits`,
    run: () => benchSource(source),
  })),
  // Named apart so that the filter "engine: zendesk" runs the ticket target only.
  ...(['zendesk', 'freshdesk'] as const).map((source) => ({
    name: `engine as conversations: ${source} full run into Intercom (BENCH_TICKETS=${TICKETS})`,
    run: () => benchSource(source, 'conversations'),
  })),
];
