// End-to-end harness for the engine: real PostgreSQL (a fresh database), the Freshdesk emulator with a small
// sample account, the Intercom emulator, Ferry's attachment link server on 127.0.0.1:0 (PUBLIC_URL), and a
// job runner executing the run stages.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import {
  startFreshdeskEmulator,
  type RunningFreshdeskEmulator,
} from '../../src/sandbox/freshdesk/emulator.js';
import type { FreshdeskFaults } from '../../src/sandbox/freshdesk/gate.js';
import {
  startZendeskEmulator,
  type RunningZendeskEmulator,
  type ZendeskFaults,
} from '../../src/sandbox/zendesk/index.js';
import { createSampleAccount } from '../../src/sandbox/sample-account/index.js';
import { changingAccount, type ChangingAccount } from './changing-account.js';
import { attachmentRoutes } from '../../src/engine/attachment-routes.js';
import type { EngineDeps } from '../../src/engine/context.js';
import { buildEngineDeps, DEFAULT_TEST_SEARCH_LAG_MS, FRESHDESK_KEY, ZENDESK_ADMIN } from './deps.js';
import type { CrashHook } from '../../src/engine/write-once.js';
import { configureRunTasks, runStageTask } from '../../src/jobs/tasks/run-stage.js';
import {
  createRunner,
  installSchema,
  type ForbiddenFlags,
  type JobRunner,
  type TaskDefinition,
} from '../../src/jobs/runner/index.js';
import {
  createMigration,
  ensureWorkspace,
  startRun,
  waitForRun,
  type RunStatusView,
} from '../../src/app/runs.js';
import type { RunKind } from '../../src/engine/run-state.js';
import type { MigrationSettingsInput } from '../../src/settings/settings.js';

export const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface EngineHarness {
  db: TestDatabase;
  /** The sample account; a test may change it (then `freshdesk.reindex()`). */
  account: ChangingAccount;
  freshdesk: RunningFreshdeskEmulator;
  /** Started when the harness's source is Zendesk (migrations then read from it). */
  zendesk: RunningZendeskEmulator | null;
  platform: 'freshdesk' | 'zendesk';
  intercom: RunningIntercomEmulator;
  deps: EngineDeps;
  publicUrl: string;
  /** Ferry's FERRY_SEARCH_SETTLE_S in ms, as the harness's deps have it (a worker child gets the same). */
  searchSettleMs: number;
  /** Runs every run's jobs, as the server's worker does, unless told which flags to refuse. */
  startRunner(o?: {
    forbiddenFlags?: ForbiddenFlags;
    concurrency?: number;
    extraTasks?: TaskDefinition[];
  }): Promise<JobRunner>;
  stopRunner(): Promise<void>;
  newMigration(settings?: MigrationSettingsInput, name?: string): Promise<string>;
  run(migrationId: string, kind: RunKind, timeoutMs?: number): Promise<RunStatusView>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  tickets?: number;
  freshdeskFaults?: FreshdeskFaults;
  /** Freshdesk's calls a minute (default: the emulator's 700, the Enterprise plan's). */
  freshdeskRateLimitPerMinute?: number;
  crashHook?: CrashHook;
  ticketConcurrency?: number;
  /** Read from the Zendesk emulator; exportPerMinute decides per-ticket comments or the bulk stream. */
  zendesk?: { exportPerMinute: number; faults?: ZendeskFaults };
  /** Intercom's search lag (default DEFAULT_TEST_SEARCH_LAG_MS) and Ferry's FERRY_SEARCH_SETTLE_S in ms. */
  searchLagMs?: number;
  searchSettleMs?: number;
  /** Intercom fetches attachment URLs this long after answering the write (default: before answering). */
  attachmentFetchDelayMs?: number;
  /** "Today" for Freshdesk's ticket activities export (emulator and connector), so old events fall inside. */
  activityNow?: Date;
}

export async function startEngineHarness(o: HarnessOptions = {}): Promise<EngineHarness> {
  const db = await createTestDatabase();
  await migrateLatest(db.knex);
  // Runs are enqueued before any runner of the test starts.
  await installSchema(db.url, silent);
  const account = changingAccount(createSampleAccount({ tickets: o.tickets ?? 40 }));
  const freshdesk = await startFreshdeskEmulator({
    account,
    apiKey: FRESHDESK_KEY,
    exportPolls: 1,
    ...(o.freshdeskRateLimitPerMinute ? { rateLimitPerMinute: o.freshdeskRateLimitPerMinute } : {}),
    ...(o.freshdeskFaults ? { faults: o.freshdeskFaults } : {}),
    ...(o.activityNow ? { activityExport: { now: () => o.activityNow! } } : {}),
  });
  const zendesk = o.zendesk
    ? await startZendeskEmulator({
        account,
        credentials: ZENDESK_ADMIN,
        exportLimitPerMinute: o.zendesk.exportPerMinute,
        ...(o.zendesk.faults ? { faults: o.zendesk.faults } : {}),
      })
    : null;
  const intercom = await startIntercomEmulator({
    hangMs: 300,
    searchLagMs: o.searchLagMs ?? DEFAULT_TEST_SEARCH_LAG_MS,
    ...(o.attachmentFetchDelayMs ? { attachmentFetchDelayMs: o.attachmentFetchDelayMs } : {}),
    // Never reached by the tests' traffic; short windows so that an injected 429 (which empties the window
    // for every caller until X-RateLimit-Reset) costs about a second, not ten.
    rateLimit: { limit: 100_000, windowMs: 1_000 },
  });

  // The attachment link server Intercom fetches attachment_urls from.
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const deps = buildEngineDeps({
    db: db.knex,
    logger: silent,
    freshdeskUrl: freshdesk.url,
    zendesk:
      zendesk && o.zendesk ? { url: zendesk.url, exportPerMinute: o.zendesk.exportPerMinute } : undefined,
    intercomUrl: intercom.url,
    intercomToken: intercom.accessToken,
    publicUrl,
    crashHook: o.crashHook,
    ticketConcurrency: o.ticketConcurrency,
    searchSettleMs: o.searchSettleMs,
    activityNow: o.activityNow,
  });
  app.use(attachmentRoutes({ signer: deps.links, logger: silent, db: db.knex }));
  configureRunTasks(deps);
  const workspaceId = await ensureWorkspace(db.knex, intercom.state.app.id_code, 'Emulated workspace');
  let runner: JobRunner | null = null;

  const harness: EngineHarness = {
    db,
    account,
    freshdesk,
    zendesk,
    platform: zendesk ? 'zendesk' : 'freshdesk',
    intercom,
    deps,
    publicUrl,
    searchSettleMs: deps.searchSettleMs ?? 0,
    async startRunner({ extraTasks = [], ...ro } = {}) {
      runner = createRunner({
        ...ro,
        databaseUrl: db.url,
        logger: silent,
        concurrency: ro.concurrency ?? 2,
        tasks: [runStageTask, ...extraTasks],
        pollInterval: 100,
        heartbeatSeconds: 1,
        staleAfterSeconds: 3,
        backoff: { baseMs: 50, capMs: 500 },
      });
      await runner.start();
      return runner;
    },
    async stopRunner() {
      await runner?.stop();
      runner = null;
    },
    async newMigration(settings = {}, name = `migration-${Math.random().toString(36).slice(2, 8)}`) {
      return createMigration(db.knex, {
        workspaceId,
        name,
        platform: zendesk ? 'zendesk' : 'freshdesk',
        sourceAccount: zendesk?.url ?? freshdesk.url,
        settings,
      });
    },
    async run(migrationId, kind, timeoutMs = 60_000) {
      const runId = await startRun(db.knex, migrationId, kind);
      const signal = AbortSignal.timeout(timeoutMs);
      const status = await waitForRun(db.knex, runId, { pollMs: 100, signal });
      return status;
    },
    async close() {
      await runner?.stop();
      await new Promise<void>((r) => server.close(() => r()));
      await intercom.close();
      await freshdesk.close();
      await zendesk?.close();
      await db.drop();
    },
  };
  return harness;
}
