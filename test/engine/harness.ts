// End-to-end harness for the engine: real PostgreSQL (a fresh database), the Freshdesk emulator with a small
// sample account, the Intercom emulator, Ferry's attachment link server on 127.0.0.1:0 (PUBLIC_URL), and a
// job runner executing the run stages.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { createIntercomClient } from '../../src/intercom/index.js';
import { createRateBudget } from '../../src/intercom/rate-budget.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import {
  startFreshdeskEmulator,
  type RunningFreshdeskEmulator,
} from '../../src/sandbox/freshdesk/emulator.js';
import type { FreshdeskFaults } from '../../src/sandbox/freshdesk/gate.js';
import { createSampleAccount, type SampleAccount } from '../../src/sandbox/sample-account/index.js';
import { createFreshdeskConnector } from '../../src/sources/freshdesk/connector.js';
import { FRESHDESK_RETRY_POLICY } from '../../src/sources/freshdesk/retry.js';
import { attachmentLinkSigner } from '../../src/engine/attachment-links.js';
import { attachmentRoutes } from '../../src/engine/attachment-routes.js';
import type { EngineDeps } from '../../src/engine/context.js';
import type { CrashHook } from '../../src/engine/write-once.js';
import { configureRunTasks, runStageTask } from '../../src/jobs/tasks/run-stage.js';
import { createRunner, type JobRunner } from '../../src/jobs/runner/index.js';
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
const API_KEY = 'engine-test-key';

export interface EngineHarness {
  db: TestDatabase;
  account: SampleAccount;
  freshdesk: RunningFreshdeskEmulator;
  intercom: RunningIntercomEmulator;
  deps: EngineDeps;
  publicUrl: string;
  startRunner(): Promise<JobRunner>;
  stopRunner(): Promise<void>;
  newMigration(settings?: MigrationSettingsInput, name?: string): Promise<string>;
  run(migrationId: string, kind: RunKind, timeoutMs?: number): Promise<RunStatusView>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  tickets?: number;
  freshdeskFaults?: FreshdeskFaults;
  crashHook?: CrashHook;
  ticketConcurrency?: number;
}

export async function startEngineHarness(o: HarnessOptions = {}): Promise<EngineHarness> {
  const db = await createTestDatabase();
  await migrateLatest(db.knex);
  const account = createSampleAccount({ tickets: o.tickets ?? 40 });
  const freshdesk = await startFreshdeskEmulator({
    account,
    apiKey: API_KEY,
    exportPolls: 1,
    ...(o.freshdeskFaults ? { faults: o.freshdeskFaults } : {}),
  });
  const intercom = await startIntercomEmulator({ hangMs: 300 });

  // The attachment link server Intercom fetches attachment_urls from.
  const app = express();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signer = attachmentLinkSigner({ publicUrl, secret: 'engine-test-link-secret' });
  const connector = createFreshdeskConnector(
    { baseUrl: freshdesk.url, apiKey: API_KEY },
    { logger: silent, allowCustomBaseUrl: true, allowPrivateAddresses: true },
    { retry: { ...FRESHDESK_RETRY_POLICY, baseDelayMs: 2, maxDelayMs: 20 }, exportPollMs: 5 },
  );
  app.use(
    attachmentRoutes({
      signer,
      logger: silent,
      maxBytes: 40 * 1024 * 1024,
      openAttachment: (_migrationId, attachment, options) => connector.openAttachment(attachment, options),
    }),
  );
  const budget = createRateBudget();
  const deps: EngineDeps = {
    db: db.knex,
    logger: silent,
    connectorFor: async () => connector,
    intercomFor: async () =>
      createIntercomClient({
        accessToken: intercom.accessToken,
        baseUrl: intercom.url,
        logger: silent,
        budget,
        timeoutMs: 15_000,
        retryPolicy: undefined,
      }),
    links: signer,
    ticketConcurrency: o.ticketConcurrency ?? 8,
    pageSize: 10,
    ...(o.crashHook ? { crashHook: o.crashHook } : {}),
  };
  configureRunTasks(deps);
  const workspaceId = await ensureWorkspace(db.knex, intercom.state.app.id_code, 'Emulated workspace');
  let runner: JobRunner | null = null;

  const harness: EngineHarness = {
    db,
    account,
    freshdesk,
    intercom,
    deps,
    publicUrl,
    async startRunner() {
      runner = createRunner({
        databaseUrl: db.url,
        logger: silent,
        concurrency: 2,
        tasks: [runStageTask],
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
        platform: 'freshdesk',
        sourceAccount: freshdesk.url,
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
      await db.drop();
    },
  };
  return harness;
}
