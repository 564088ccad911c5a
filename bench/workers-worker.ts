// One `ferry worker`-like process of the workers bench: a job runner with BENCH_SLOTS slots executing run
// stages for any migration, each migration writing to its workspace's Intercom emulator through the budget
// that workspace shares with the other processes (src/app/shared-budgets.ts), and serving the attachment
// links its writes name. Prints each finished stage job's `run stage ended` line (pino JSON) to stdout: the
// bench adds up each migration's worker time from them.
import express from 'express';
import { pino } from 'pino';
import { z } from 'zod';
import { createKnex } from '../src/db/knex.js';
import { sharedWorkspaceBudgets } from '../src/app/shared-budgets.js';
import { createIntercomClient, type IntercomClient } from '../src/intercom/index.js';
import { createFreshdeskConnector } from '../src/sources/freshdesk/connector.js';
import { attachmentLinkSigner } from '../src/engine/attachment-links.js';
import { attachmentRoutes } from '../src/engine/attachment-routes.js';
import type { EngineDeps } from '../src/engine/context.js';
import { configureRunTasks, runStageTask } from '../src/jobs/tasks/run-stage.js';
import { createRunner } from '../src/jobs/runner/index.js';
import { listenOnLoopback } from '../src/sandbox/listen.js';

const env = z
  .object({
    DATABASE_URL: z.string(),
    BENCH_FRESHDESK_URL: z.string(),
    BENCH_FRESHDESK_KEY: z.string(),
    /** JSON: Ferry's workspace id → its emulator's URL and token. */
    BENCH_WORKSPACES: z.string(),
    BENCH_SLOTS: z.coerce.number().int().min(1),
    BENCH_SLICE_MS: z.coerce.number().int().min(1),
  })
  .parse(process.env);
const workspaces = z
  .record(z.string(), z.object({ url: z.string(), token: z.string() }))
  .parse(JSON.parse(env.BENCH_WORKSPACES));

const logger = pino({ level: 'info' });
const quiet = pino({ level: 'silent' });
const knex = createKnex(env.DATABASE_URL);
const budgetFor = sharedWorkspaceBudgets(knex);
const clients = new Map<string, IntercomClient>();
const connector = createFreshdeskConnector(
  { baseUrl: env.BENCH_FRESHDESK_URL, apiKey: env.BENCH_FRESHDESK_KEY },
  { logger: quiet, allowCustomBaseUrl: true, allowPrivateAddresses: true },
);

const app = express();
const server = await listenOnLoopback(app);
const links = attachmentLinkSigner({ publicUrl: server.url, secret: 'bench-link-secret' });
app.use(attachmentRoutes({ signer: links, logger: quiet, db: knex }));

const deps: EngineDeps = {
  db: knex,
  logger: quiet,
  links,
  connectorFor: async () => connector,
  intercomFor: async (m) => {
    const ws = workspaces[m.workspace_id];
    if (!ws) throw new Error(`no emulator for workspace ${m.workspace_id}`);
    let client = clients.get(m.workspace_id);
    if (!client) {
      client = createIntercomClient({ accessToken: ws.token, baseUrl: ws.url, logger: quiet, budgetFor });
      clients.set(m.workspace_id, client);
    }
    return client;
  },
  // Two tickets (or records) in flight per slot: a slot waits on Intercom's latency, not on the CPU.
  ticketConcurrency: 2,
  recordConcurrency: 2,
  pageSize: 10,
  searchSettleMs: 0,
  stageSliceMs: env.BENCH_SLICE_MS,
};
configureRunTasks(deps);
const runner = createRunner({
  databaseUrl: env.DATABASE_URL,
  logger,
  concurrency: env.BENCH_SLOTS,
  tasks: [runStageTask],
  pollInterval: 200,
});
await runner.start();
process.stdout.write('{"msg":"ready"}\n');
process.on('SIGTERM', () => {
  void runner
    .stop()
    .then(() => server.close())
    .then(() => knex.destroy())
    .then(() => process.exit(0));
});
