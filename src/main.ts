// Composition root: config -> logger -> database -> web server and/or job worker. The only place that wires
// things together; `npm start` runs it with both (the single-machine default), `ferry serve|worker` choose.
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { ConfigError, isSandbox, loadConfig, type Config } from './config.js';
import { startDatabase, type Database } from './db/database.js';
import { migrateLatest } from './db/migrate.js';
import { databaseReadiness } from './db/readiness.js';
import { intercomClientSecret, intercomRouteDeps } from './app/intercom-deps.js';
import { serverWiring } from './app/engine-deps.js';
import { createCipher } from './crypto.js';
import { resealLegacyCredentials } from './db/reseal.js';
import { consoleRoutes } from './http/routes/console.js';
import { liveRoutes } from './http/routes/live.js';
import { endLiveModeOfWorkspace, liveHandlers, livePort, type LiveDeps } from './app/live/follow.js';
import { getMigration } from './engine/context.js';
import { NotFoundError } from './errors.js';
import { configureLiveTasks, liveApplyTask, liveSweepTask } from './jobs/tasks/live.js';
import { configureRunTasks, runStageTask } from './jobs/tasks/run-stage.js';
import { configureRetentionTasks, retentionTasks, scheduleMissingRetention } from './jobs/tasks/retention.js';
import { configureRollbackTask, rollbackTask } from './jobs/tasks/rollback.js';
import { startSandbox, type Sandbox } from './sandbox/inbox/index.js';
import { createApp } from './http/app.js';
import { intercomRoutes, SANDBOX_CLIENT_ID } from './http/routes/intercom.js';
import { createRunner, installSchema, type JobRunner } from './jobs/runner/index.js';
import { createLogger, type Logger } from './logger.js';

export interface FerryOptions {
  web: boolean;
  worker: boolean;
}

export interface RunningFerry {
  config: Config;
  db: Database;
  /** Where the web server listens, when it runs. */
  url?: string;
  stop(): Promise<void>;
}

/** Opens the database, applies migrations, then starts what `options` asks for. */
export async function startFerry(
  config: Config,
  logger: Logger,
  options: FerryOptions,
): Promise<RunningFerry> {
  const started = Date.now();
  const db = await startDatabase(config, logger);
  let server: Server | undefined;
  let runner: JobRunner | undefined;
  let sandbox: Sandbox | undefined;
  try {
    const applied = await migrateLatest(db.knex);
    if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
    await installSchema(db.url, logger);
    const dated = await scheduleMissingRetention(db.knex, config.retention.days, new Date());
    if (dated > 0)
      logger.info({ migrations: dated }, 'retention scheduled for migrations completed before it');
    const clientSecret = await intercomClientSecret(config);
    const cipher = await createCipher(config);
    const resealed = await resealLegacyCredentials(db.knex, cipher);
    if (resealed.workspaces + resealed.migrations + resealed.unreadable > 0)
      logger.info({ resealed }, 'credentials sealed before v2 rewritten, bound to their rows');
    let url: string | undefined;
    // No Intercom app configured: the sample help desk, the Intercom emulator and the Inbox preview.
    if (isSandbox(config))
      sandbox = await startSandbox({
        knex: db.knex,
        cipher,
        clientId: SANDBOX_CLIENT_ID,
        clientSecret,
        selfUrl: () => (url ?? config.publicUrl).replace('//localhost:', '//127.0.0.1:'),
      });
    const wiring = serverWiring({
      config,
      logger,
      knex: db.knex,
      cipher,
      clientSecret,
      baseUrls: sandbox?.env.baseUrls ?? {},
      intercomUrl: sandbox?.intercomUrl,
    });
    configureRunTasks(wiring.engine);
    configureRetentionTasks({ db: db.knex });
    configureLiveTasks(liveHandlers(db.knex));
    const liveDeps: LiveDeps = {
      db: db.knex,
      cipher,
      publicUrl: config.publicUrl,
      connectorFor: async (id) => {
        const migration = await getMigration(db.knex, id);
        if (!migration) throw new NotFoundError(`No migration ${id}`);
        return wiring.engine.connectorFor(migration);
      },
    };
    configureRollbackTask(wiring.engine);

    if (options.worker) {
      runner = createRunner({
        databaseUrl: db.url,
        logger,
        concurrency: config.workerConcurrency,
        tasks: [runStageTask, ...retentionTasks, liveApplyTask, liveSweepTask, rollbackTask],
      });
      await runner.start();
    }
    if (options.web) {
      const routeDeps = await intercomRouteDeps(config, logger, db.knex, {
        // The sandbox's OAuth, install and uninstall calls go to the emulator, never to Intercom.
        ...(sandbox
          ? {
              sourceBaseUrls: sandbox.env.baseUrls,
              intercomApiUrl: sandbox.intercomUrl,
              intercomAppUrl: sandbox.intercomUrl,
            }
          : {}),
      });
      routeDeps.wizard.live = livePort(liveDeps);
      routeDeps.endLiveMode = (workspaceId) => endLiveModeOfWorkspace(liveDeps, workspaceId);
      const routers = [
        ...intercomRoutes(routeDeps),
        wiring.attachmentRouter,
        liveRoutes({ db: db.knex, cipher }),
        consoleRoutes({
          ...wiring.console,
          ...(sandbox ? { sampleCredentials: sandbox.sampleCredentials } : {}),
        }),
        ...(sandbox ? [sandbox.router] : []),
      ];
      const app = createApp({ config, logger, readiness: databaseReadiness(db.knex), routers });
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(config.port, '0.0.0.0', () => resolve(s));
        s.once('error', reject);
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://localhost:${port}`;
    }
    logger.info(
      {
        ms: Date.now() - started,
        url,
        worker: options.worker,
        sandbox: sandbox !== undefined,
        database: db.embedded ? 'embedded' : 'DATABASE_URL',
      },
      url ? `Ferry is ready on ${url}` : 'Ferry worker is ready',
    );
    return {
      config,
      db,
      ...(url ? { url } : {}),
      async stop() {
        if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
        server?.closeAllConnections();
        await runner?.stop();
        await sandbox?.close();
        await db.stop();
      },
    };
  } catch (err) {
    await runner?.stop().catch(() => {});
    server?.close();
    await sandbox?.close().catch(() => {});
    await db.stop().catch(() => {});
    throw err;
  }
}

/** Reads the configuration or exits 1 with one line naming the bad variable. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`ferry: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/** Stops `running` once on SIGINT/SIGTERM (a second signal exits at once), and when npm, our parent, dies. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stoppingSince: number | undefined;
  const shutdown = (reason: string) => {
    if (stoppingSince !== undefined) {
      // Ctrl-C reaches every process of the group, and wrappers relay it: only a later signal forces exit.
      if (Date.now() - stoppingSince < 1500) return;
      logger.warn('second signal: exiting now');
      process.exit(130);
    }
    stoppingSince = Date.now();
    logger.info({ reason }, 'stopping Ferry');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // `npm start` wraps this process: when npm alone is killed we are re-parented; stop rather than orphan
  // the embedded PostgreSQL.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) shutdown('parent process exited');
    }, 1000).unref();
  }
}

export async function main(options: FerryOptions = { web: true, worker: true }): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  try {
    const running = await startFerry(config, logger, options);
    stopOnSignals(logger, running.stop);
  } catch (err) {
    logger.fatal({ err }, err instanceof Error ? err.message : 'Ferry could not start');
    process.stderr.write(`ferry: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
