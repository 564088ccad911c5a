// The engine of the scale bench (bench/scale.ts) in its own process, so that its RSS is the engine's alone:
// the engine host `ferry migrate` runs (one job worker) against the emulators named in BENCH_READY, for the
// migration BENCH_MIGRATION_ID. Tells its parent over IPC, every second, how many database statements its
// knex ran (cumulative: the parent keeps the last it heard before a SIGKILL) and, every BENCH_GC_EVERY_S
// seconds when started with --expose-gc, its live heap after a full collection. With BENCH_MEMORY_DEBUG set it
// prints process.memoryUsage() every second on stderr (where RSS goes: heap, garbage, Buffers).
import { z } from 'zod';
import { pino } from 'pino';
import { startDatabase } from '../src/db/database.js';
import { startEngineHost } from '../src/cli/engine-host.js';
import { benchEngineInputs } from './engine.js';

const env = z
  .object({
    DATABASE_URL: z.string(),
    BENCH_SOURCE: z.enum(['zendesk', 'freshdesk']),
    BENCH_READY: z.string(),
    BENCH_MIGRATION_ID: z.string(),
    BENCH_DATA_DIR: z.string(),
    BENCH_GC_EVERY_S: z.coerce.number().positive(),
  })
  .parse(process.env);
const ready = z
  .object({
    type: z.literal('ready'),
    sourceUrl: z.string(),
    intercomUrl: z.string(),
    intercomToken: z.string(),
  })
  .parse(JSON.parse(env.BENCH_READY));

/** What the engine child tells the bench. */
export type EngineChildMessage =
  { type: 'ready' } | { type: 'statements'; n: number } | { type: 'live heap'; mb: number };

const send = (m: EngineChildMessage) => process.send?.(m);
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
const db = await startDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.BENCH_DATA_DIR }, logger);
let statements = 0;
db.knex.on('query', () => statements++);
const { config, connector, intercom } = benchEngineInputs(env.BENCH_SOURCE, ready, env.BENCH_DATA_DIR);
const host = await startEngineHost({
  config,
  logger,
  db,
  migrationId: env.BENCH_MIGRATION_ID,
  connector,
  intercom,
});
setInterval(() => {
  send({ type: 'statements', n: statements });
  if (process.env.BENCH_MEMORY_DEBUG)
    console.error(
      Object.entries(process.memoryUsage())
        .map(([k, v]) => `${k} ${Math.round(v / 2 ** 20)}`)
        .join(', '),
    );
}, 1000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc)
  setInterval(() => {
    gc();
    send({ type: 'live heap', mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) });
  }, env.BENCH_GC_EVERY_S * 1000);
send({ type: 'ready' });
process.on(
  'disconnect',
  () =>
    void host
      .stop()
      .then(() => db.stop())
      .then(() => process.exit(0)),
);
