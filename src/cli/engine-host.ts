// What `ferry migrate` runs in-process while a run goes on: the job worker executing the run's stages, and
// Ferry's signed attachment links on PORT (Intercom fetches attachment_urls from PUBLIC_URL while parts are
// written, so the links must be served for as long as the run writes), and live catch-up's delivery route
// and jobs (`--follow`, `ferry follow --stop`).
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config.js';
import { RetryableError } from '../errors.js';
import type { IntercomClient } from '../intercom/index.js';
import type { Logger } from '../logger.js';
import type { SourceConnector } from '../sources/connector.js';
import { attachmentLinkSigner } from '../engine/attachment-links.js';
import { attachmentRoutes } from '../engine/attachment-routes.js';
import type { EngineDeps, MigrationRow } from '../engine/context.js';
import { configureRunTasks, otherMigrationsFlags, runStageTask } from '../jobs/tasks/run-stage.js';
import { createRunner } from '../jobs/runner/index.js';
import type { Database } from '../db/database.js';
import type { Cipher } from '../crypto.js';
import { liveHandlers } from '../app/live/follow.js';
import { JSON_BODY_LIMIT } from '../http/app.js';
import { errorHandler } from '../http/errors.js';
import { keepRawBody } from '../http/raw-body.js';
import { liveRoutes } from '../http/routes/live.js';
import { configureLiveTasks, liveApplyTask, liveSweepTask } from '../jobs/tasks/live.js';

export interface EngineHost {
  publicUrl: string;
  /** Stops taking jobs, lets in-flight work finish, closes the link server. */
  stop(): Promise<void>;
}

export interface EngineHostInput {
  config: Config;
  logger: Logger;
  db: Database;
  migrationId: string;
  connector: SourceConnector;
  intercom: IntercomClient;
  /** Seals the live subscription's signing secrets; without it no delivery route is served. */
  cipher?: Cipher;
  /** Engine tuning (the bench sets it; the CLI keeps the engine's defaults). */
  tuning?: Pick<EngineDeps, 'ticketConcurrency' | 'recordConcurrency' | 'pageSize' | 'onWindow'>;
}

/** PORT as configured; PUBLIC_URL as configured, or this machine on the port actually bound (PORT=0). */
async function listen(app: express.Express, config: Config): Promise<{ server: Server; publicUrl: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    // No host: IPv6 and IPv4 both, so "localhost" reaches it whichever it resolves to.
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `PORT ${config.port} is in use; ferry migrate serves attachment links there (set PORT to a free port and PUBLIC_URL to match)`,
            )
          : error,
      ),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const defaultUrl = `http://localhost:${config.port}`;
  return {
    server,
    publicUrl: config.publicUrl === defaultUrl ? `http://localhost:${port}` : config.publicUrl,
  };
}

export async function startEngineHost(input: EngineHostInput): Promise<EngineHost> {
  const { config, logger, connector, intercom, migrationId } = input;
  const app = express();
  app.disable('x-powered-by');
  // The signer needs the public URL, known once the server listens; routes are mounted after.
  const router = express.Router();
  app.use(router);
  const { server, publicUrl } = await listen(app, config);
  const signer = attachmentLinkSigner({
    publicUrl,
    secret: config.encryptionKey ?? randomBytes(32).toString('base64'),
  });
  const ours = (migration: Pick<MigrationRow, 'id'>) => {
    // This process holds one migration's credentials. The runner does not fetch other migrations' jobs
    // (forbiddenFlags below); this only catches a job that slips through (one queued without flags by an
    // older release, or a migration created between the flag list and the fetch): it goes back to the queue.
    if (migration.id !== migrationId)
      throw new RetryableError(`this ferry migrate process serves only migration ${migrationId}`);
  };
  router.use(attachmentRoutes({ signer, logger, db: input.db.knex }));
  // Live catch-up's deliveries (`ferry migrate --follow`), with the server's body limit and error shapes.
  if (input.cipher) {
    router.use(express.json({ limit: JSON_BODY_LIMIT, verify: keepRawBody }));
    router.use(liveRoutes({ db: input.db.knex, cipher: input.cipher }));
    router.use(errorHandler(logger));
  }
  configureLiveTasks(liveHandlers(input.db.knex));
  configureRunTasks({
    db: input.db.knex,
    logger,
    connectorFor: async (m) => (ours(m), connector),
    intercomFor: async (m) => (ours(m), intercom),
    links: signer,
    searchSettleMs: config.searchSettleMs,
    retentionDays: config.retention.days,
    ...input.tuning,
  });
  const runner = createRunner({
    databaseUrl: input.db.url,
    logger,
    concurrency: 2,
    tasks: [runStageTask, liveApplyTask, liveSweepTask],
    pollInterval: 500,
    forbiddenFlags: otherMigrationsFlags(input.db.knex, migrationId),
  });
  try {
    await runner.start();
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    publicUrl,
    async stop() {
      await runner.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
