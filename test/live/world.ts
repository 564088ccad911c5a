// What a live catch-up test needs beside the engine harness: Ferry's app serving the delivery route (createApp,
// so the body limit and error shapes are the server's), the live jobs in the runner, and a wait for the
// debounced work to finish.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEngineHarness, silent, type EngineHarness, type HarnessOptions } from '../engine/harness.js';
import { createApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { cipherFromKey, type Cipher } from '../../src/crypto.js';
import { liveRoutes } from '../../src/http/routes/live.js';
import { getMigration } from '../../src/engine/context.js';
import { liveHandlers, type LiveDeps } from '../../src/app/live/follow.js';
import { configureLiveTasks, liveApplyTask, liveSweepTask } from '../../src/jobs/tasks/live.js';

export interface LiveWorld {
  h: EngineHarness;
  /** Where the delivery route listens (PUBLIC_URL of the live deps). */
  liveUrl: string;
  live: LiveDeps;
  cipher: Cipher;
  /** Waits until no delivery waits, no live.apply job is queued and no run of the migration is active. */
  settled(migrationId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLiveWorld(o: HarnessOptions): Promise<LiveWorld> {
  const h = await startEngineHarness(o);
  const cipher = cipherFromKey(randomBytes(32));
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: silent,
    readiness: { check: async () => ({ ready: true }) },
    routers: [liveRoutes({ db: h.db.knex, cipher })],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const liveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const live: LiveDeps = {
    db: h.db.knex,
    cipher,
    publicUrl: liveUrl,
    connectorFor: async (id) => h.deps.connectorFor((await getMigration(h.db.knex, id))!),
  };
  configureLiveTasks(liveHandlers(h.db.knex));
  await h.startRunner({ extraTasks: [liveApplyTask, liveSweepTask] });

  async function settled(migrationId: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [pending] = await h.db
        .knex('live_pending')
        .where({ migration_id: migrationId })
        .count({ n: '*' });
      const jobs = await h.db.knex.raw<{ rows: { n: string }[] }>(
        `select count(*) as n from graphile_worker.jobs where task_identifier = 'live.apply'`,
      );
      const active = await h.db
        .knex('runs')
        .where({ migration_id: migrationId })
        .whereIn('status', ['planned', 'running', 'paused'])
        .first('id');
      if (Number(pending!.n) === 0 && Number(jobs.rows[0]!.n) === 0 && !active) return;
      if (Date.now() > deadline) throw new Error('live catch-up did not settle');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  return {
    h,
    liveUrl,
    live,
    cipher,
    settled,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await h.close();
    },
  };
}
