// A worker process for the crash tests: runs the run stages against the emulators named in its environment,
// and dies (SIGKILL) where FERRY_TEST_KILL_AFTER_WRITES says, between an Intercom write and its ledger commit.
import knexFactory from 'knex';
import { pino } from 'pino';
import { crashHookFromEnv } from '../../src/engine/write-once.js';
import { configureRunTasks, runStageTask } from '../../src/jobs/tasks/run-stage.js';
import { createRunner } from '../../src/jobs/runner/index.js';
import { buildEngineDeps } from './deps.js';

const env = process.env;
const logger = pino({ level: env.TEST_LOG_LEVEL ?? 'silent' });
const db = knexFactory({ client: 'pg', connection: env.ENGINE_DB_URL!, pool: { min: 0, max: 10 } });
configureRunTasks(
  buildEngineDeps({
    db,
    logger,
    freshdeskUrl: env.ENGINE_FRESHDESK_URL!,
    intercomUrl: env.ENGINE_INTERCOM_URL!,
    intercomToken: env.ENGINE_INTERCOM_TOKEN!,
    publicUrl: env.ENGINE_PUBLIC_URL!,
    crashHook: crashHookFromEnv(env),
    searchSettleMs: env.ENGINE_SEARCH_SETTLE_MS ? Number(env.ENGINE_SEARCH_SETTLE_MS) : undefined,
  }),
);
const runner = createRunner({
  databaseUrl: env.ENGINE_DB_URL!,
  logger,
  concurrency: 2,
  tasks: [runStageTask],
  pollInterval: 100,
  heartbeatSeconds: 1,
  staleAfterSeconds: 3,
  backoff: { baseMs: 50, capMs: 500 },
});
await runner.start();
process.on(
  'SIGTERM',
  () =>
    void runner
      .stop()
      .then(() => db.destroy())
      .then(() => process.exit(0)),
);
