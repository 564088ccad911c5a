// The embedded default database: a real PostgreSQL that Ferry runs itself under FERRY_DATA_DIR when no
// DATABASE_URL is given. One process owns it (starts it, stops it on exit); other Ferry processes on the
// same FERRY_DATA_DIR connect to it. A leftover of a crashed owner is recovered on the next start.
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { resolveLayout, type Layout, type LayoutOptions } from './embedded-layout.js';
import {
  claimOwner,
  loadOrCreateState,
  markRunning,
  readOwner,
  releaseOwnerSync,
  removeStaleOwner,
  saveLastPort,
  type EmbeddedState,
} from './embedded-owner.js';
import { isSameProcessAlive, signalIfAlive, sleep } from './embedded-processes.js';
import {
  SUPERUSER,
  initdb,
  isInitialised,
  isPortInUse,
  probe,
  startServer,
  stopOrphanPostmaster,
  type RunningServer,
} from './embedded-server.js';

export interface EmbeddedOptions extends LayoutOptions {
  /** Extra `-c name=value` server settings (the tests turn fsync off). */
  postgresFlags?: string[];
  /** Extra initdb flags (the tests pass --no-sync). */
  initdbFlags?: string[];
  /** How long to wait for another process that is starting the same database. Default 60 s. */
  waitForOwnerMs?: number;
  /** Stop on SIGINT/SIGTERM/SIGHUP when nobody else listens for them (main.ts listens and calls stop()). */
  handleSignals?: boolean;
}

export interface EmbeddedDatabase {
  /** Superuser URL of the `postgres` maintenance database (tests create their databases through it). */
  adminUrl: string;
  /** URL of the `ferry` database. */
  url: string;
  port: number;
  pgDataDir: string;
  /** True in the process that started PostgreSQL; false in one that connected to a live owner. */
  owner: boolean;
  /** The owner stops PostgreSQL; a connected process only lets go. */
  stop(): Promise<void>;
}

export const APP_DATABASE = 'ferry';

export async function startEmbedded(
  dataDir: string,
  logger: Logger,
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  if (process.platform === 'win32') {
    throw new Error('The embedded PostgreSQL is not supported on Windows here: set DATABASE_URL.');
  }
  try {
    await fs.mkdir(dataDir, { recursive: true });
    const state = await loadOrCreateState(dataDir);
    const layout = await resolveLayout(dataDir, logger, options);
    const deadline = Date.now() + (options.waitForOwnerMs ?? 60_000);
    for (;;) {
      if (await claimOwner(dataDir, layout.pgDataDir)) {
        return await startAsOwner(dataDir, layout, state, logger, options);
      }
      const found = await readOwner(dataDir);
      if (found.kind === 'none') continue;
      if (found.kind === 'unreadable') {
        logger.warn({ dataDir }, 'embedded PostgreSQL: replacing a damaged postgres.owner.json');
        await removeStaleOwner(dataDir, found.raw);
        continue;
      }
      const { owner } = found;
      if (!isSameProcessAlive(owner.pid, owner.processStart)) {
        logger.warn(
          { pid: owner.pid },
          'embedded PostgreSQL: its previous owner is gone (crashed?); recovering',
        );
        await removeStaleOwner(dataDir, found.raw);
        continue;
      }
      if (owner.state === 'running' && owner.port && (await probe(owner.port, state.password)) === 'ok') {
        logger.info(
          { port: owner.port, ownerPid: owner.pid },
          'embedded PostgreSQL: connected to the one another Ferry process runs',
        );
        return connected(owner.port, owner.pgDataDir, state.password);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Another Ferry process (pid ${owner.pid}) owns the embedded PostgreSQL of ${dataDir}, but it does not answer` +
            `${owner.port ? ` on port ${owner.port}` : ' (still starting)'}. Stop that process (kill ${owner.pid}) and start again.`,
        );
      }
      await sleep(50);
    }
  } catch (err) {
    throw asActionable(err, dataDir);
  }
}

async function startAsOwner(
  dataDir: string,
  layout: Layout,
  state: EmbeddedState,
  logger: Logger,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const guard = guardOwnership(dataDir, logger, options.handleSignals ?? true);
  try {
    await stopOrphanPostmaster(layout.pgDataDir, logger);
    const firstStart = !(await isInitialised(layout.pgDataDir));
    if (firstStart) await initdb(layout, state.password, logger, options.initdbFlags);
    const started = Date.now();
    const logFile = path.join(dataDir, 'postgres.log');
    await rotateLog(logFile);
    let server: RunningServer | undefined;
    for (let attempt = 1; !server; attempt++) {
      const port = await freePort(attempt === 1 ? state.lastPort : undefined);
      const serverOptions = {
        port,
        password: state.password,
        logFile,
        flags: options.postgresFlags,
        onSpawn: guard.spawned,
      };
      try {
        server = await startServer(layout, serverOptions, logger);
      } catch (err) {
        // Another program took the port between our check and the server's bind: try another.
        if (!(attempt < 3 && err instanceof Error && isPortInUse(err.message))) throw err;
      }
    }
    guard.running(server);
    await ensureDatabase(server.port, state.password, APP_DATABASE);
    await markRunning(dataDir, server.port);
    await saveLastPort(dataDir, state, server.port);
    logger.info(
      { port: server.port, pgDataDir: layout.pgDataDir, ms: Date.now() - started, firstStart },
      'embedded PostgreSQL started',
    );
    return {
      ...urls(server.port, state.password),
      port: server.port,
      pgDataDir: layout.pgDataDir,
      owner: true,
      stop: guard.stop,
    };
  } catch (err) {
    await guard.stop();
    throw err;
  }
}

function urls(port: number, password: string): { adminUrl: string; url: string } {
  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  return { adminUrl: `${base}/postgres`, url: `${base}/${APP_DATABASE}` };
}

function connected(port: number, pgDataDir: string, password: string): EmbeddedDatabase {
  return { ...urls(port, password), port, pgDataDir, owner: false, stop: async () => undefined };
}

const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * The owner's duties from the moment it may spawn PostgreSQL: on process.exit() ask the server for a fast
 * shutdown (it finishes on its own) and release the owner file; on SIGINT/SIGTERM/SIGHUP that nobody else
 * handles, stop and exit. When main.ts handles the signal, it calls stop() after its own graceful shutdown.
 */
function guardOwnership(dataDir: string, logger: Logger, handleSignals: boolean) {
  let pid: number | undefined;
  let server: RunningServer | undefined;
  let stopping: Promise<void> | undefined;
  const onExit = (): void => {
    if (pid) signalIfAlive(pid, 'SIGINT');
    releaseOwnerSync(dataDir);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (process.listenerCount(signal) > 1) return;
    void stop().finally(() => process.exit(EXIT_CODES[signal] ?? 1));
  };
  process.on('exit', onExit);
  if (handleSignals) for (const s of Object.keys(EXIT_CODES)) process.on(s, onSignal);

  function stop(): Promise<void> {
    stopping ??= (async () => {
      for (const s of Object.keys(EXIT_CODES)) process.off(s, onSignal);
      const started = Date.now();
      if (server) await server.stop();
      else if (pid) signalIfAlive(pid, 'SIGINT');
      process.off('exit', onExit);
      releaseOwnerSync(dataDir);
      if (server) logger.info({ ms: Date.now() - started }, 'embedded PostgreSQL stopped');
    })();
    return stopping;
  }
  return {
    spawned: (spawnedPid: number) => void (pid = spawnedPid),
    running(s: RunningServer) {
      server = s;
      void s.exited.then(() => {
        if (!stopping)
          logger.error(
            { pid: s.pid },
            'embedded PostgreSQL exited unexpectedly; see postgres.log in FERRY_DATA_DIR',
          );
      });
    },
    stop,
  };
}

/** A free port on 127.0.0.1 (the preferred one when it is free), never 5432. */
async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  if (preferred && preferred !== 5432) {
    const port = await tryListen(preferred);
    if (port) return port;
  }
  for (;;) {
    const port = await tryListen(0);
    if (port && port !== 5432) return port;
  }
}

async function ensureDatabase(port: number, password: string, name: string): Promise<void> {
  if ((await probe(port, password, name)) === 'ok') return;
  const client = new pg.Client({ connectionString: urls(port, password).adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // 42P04: created meanwhile
  } finally {
    await client.end();
  }
}

/** Keeps postgres.log from growing without end: past 10 MB it starts over (the previous one kept as .1). */
async function rotateLog(file: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat && stat.size > 10 * 1024 * 1024) await fs.rename(file, `${file}.1`);
}

function asActionable(err: unknown, dataDir: string): Error {
  if (err instanceof Error && err.message) return err;
  // Never let a bare `undefined` (or a message-less error) reach the user.
  return new Error(
    `The embedded PostgreSQL under ${dataDir} could not start (no reason given). See ${path.join(dataDir, 'postgres.log')}, ` +
      'stop any other Ferry using this FERRY_DATA_DIR, or set DATABASE_URL.',
    { cause: err },
  );
}
