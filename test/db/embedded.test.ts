// The embedded default database, through real processes: reuse of its data, a second process connecting to
// the live instance, recovery after the owner is killed, folders the postgres OS user cannot reach.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { firstBlockedFolder, platformNativeDir } from '../../src/db/embedded-layout.js';
import { isAlive } from '../../src/db/embedded-processes.js';
import { isInitialised } from '../../src/db/embedded-server.js';
import { createKnex } from '../../src/db/knex.js';
import { createLogger } from '../../src/logger.js';

const exec = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });
const isRoot = process.getuid?.() === 0;
const temp: string[] = [];
const running: EmbeddedDatabase[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

/** A temp folder the postgres OS user can enter (mkdtemp makes them 0700). */
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await chmod(dir, 0o755);
  temp.push(dir);
  return dir;
}

async function start(dataDir: string, options = {}): Promise<EmbeddedDatabase> {
  const db = await startEmbedded(dataDir, logger, {
    handleSignals: false,
    initdbFlags: ['--no-sync'],
    ...options,
  });
  running.push(db);
  return db;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const knex = createKnex(url);
  try {
    return ((await knex.raw(sql)) as { rows: T[] }).rows;
  } finally {
    await knex.destroy();
  }
}

interface ChildReport {
  pid: number;
  port: number;
  owner: boolean;
  pgDataDir: string;
}

/** Another Ferry process on `dataDir` (node + tsx directly, not through npm, so signals reach it). */
async function startChild(
  dataDir: string,
): Promise<{ child: ChildProcessWithoutNullStreams; report: ChildReport }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'test/db/fixtures/embedded-child.ts'), dataDir],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before reporting: ${stderr}`)));
  });
  return { child, report: JSON.parse(line) as ChildReport };
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function postmasterPid(pgDataDir: string): Promise<number> {
  return Number.parseInt(
    (await readFile(path.join(pgDataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!,
    10,
  );
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const db of running) await db.stop();
  for (const d of temp) await rm(d, { recursive: true, force: true });
}, 60_000);

describe('embedded PostgreSQL', { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('ferry-embedded-');
  });

  it('when started a second time on the same FERRY_DATA_DIR, then it reuses the data instead of running initdb again', async () => {
    const first = await start(dataDir);
    expect(first.owner).toBe(true);
    expect(first.port).not.toBe(5432);
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    const listen = await query<{ listen_addresses: string }>(first.adminUrl, 'SHOW listen_addresses');
    expect(listen[0]?.listen_addresses).toBe('127.0.0.1');
    const versionFile = await stat(path.join(first.pgDataDir, 'PG_VERSION'));
    await first.stop();
    expect(await stat(path.join(dataDir, 'postgres.owner.json')).catch(() => 'gone')).toBe('gone');

    const second = await start(dataDir);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    expect((await stat(path.join(second.pgDataDir, 'PG_VERSION'))).ctimeMs).toBe(versionFile.ctimeMs);
    await second.stop();
  });

  it('when a second process starts while the owner runs, then it connects to the live instance and leaves it running', async () => {
    const owner = await start(dataDir);
    const pgPid = await postmasterPid(owner.pgDataDir);
    const { child, report } = await startChild(dataDir);
    expect(report).toMatchObject({ owner: false, port: owner.port, pgDataDir: owner.pgDataDir });
    expect(await postmasterPid(owner.pgDataDir)).toBe(pgPid); // no second server

    child.stdin.end(); // the connected process stops: the server must stay up for its owner
    expect(await exited(child)).toBe(0);
    expect(isAlive(pgPid)).toBe(true);
    expect(await query(owner.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await owner.stop();
    expect(isAlive(pgPid)).toBe(false);
  });

  it('when the owner is killed with SIGKILL, then the next start stops its orphaned server and recovers', async () => {
    const { child, report } = await startChild(dataDir);
    expect(report.owner).toBe(true);
    const orphan = await postmasterPid(report.pgDataDir);
    child.kill('SIGKILL');
    await exited(child);
    expect(isAlive(orphan)).toBe(true); // PostgreSQL outlives its owner

    const next = await start(dataDir);
    expect(next.owner).toBe(true);
    expect(isAlive(orphan)).toBe(false);
    expect(await postmasterPid(next.pgDataDir)).not.toBe(orphan);
    expect(await query(next.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await next.stop();
  });

  it('when the owner gets SIGTERM and nothing else handles it, then PostgreSQL stops cleanly with it', async () => {
    const { child, report } = await startChild(dataDir);
    expect(report.owner).toBe(true);
    const pgPid = await postmasterPid(report.pgDataDir);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(143);
    expect(isAlive(pgPid)).toBe(false);
    expect(await stat(path.join(report.pgDataDir, 'postmaster.pid')).catch(() => 'gone')).toBe('gone');
    expect(await stat(path.join(dataDir, 'postgres.owner.json')).catch(() => 'gone')).toBe('gone');
  });

  it('when postmaster.pid names a process that is gone, then the stale file is removed and PostgreSQL starts', async () => {
    const done = spawn('true');
    await new Promise((resolve) => done.once('exit', resolve));
    const pgDataDir = path.join(dataDir, 'postgres');
    expect(await isInitialised(pgDataDir)).toBe(true); // not placed elsewhere: the test writes into it
    await writeFile(path.join(pgDataDir, 'postmaster.pid'), `${done.pid}\n${pgDataDir}\n0\n1\n\n127.0.0.1\n`);
    const db = await start(dataDir);
    expect(await postmasterPid(db.pgDataDir)).not.toBe(done.pid);
    await db.stop();
  });

  it('when PostgreSQL cannot start, then the error says why instead of arriving as `undefined`', async () => {
    await expect(start(dataDir, { postgresFlags: ['no_such_setting=1'] })).rejects.toThrow(
      /PostgreSQL exited during start-up:[\s\S]*no_such_setting/,
    );
    expect(await stat(path.join(dataDir, 'postgres.owner.json')).catch(() => 'released')).toBe('released');
  });

  it('when the stored password no longer matches the cluster, then the error says which file to restore', async () => {
    const stateFile = path.join(dataDir, 'postgres.json');
    const original = await readFile(stateFile, 'utf8');
    await writeFile(stateFile, JSON.stringify({ password: 'x'.repeat(32) }));
    try {
      await expect(start(dataDir)).rejects.toThrow(/rejects the password stored in FERRY_DATA_DIR/);
    } finally {
      await writeFile(stateFile, original);
    }
  });

  it.skipIf(!isRoot)(
    'when running as root from a private (0700) folder, then data and binaries are placed where the postgres user reaches them',
    async () => {
      const base = await tempDir('ferry-private-');
      const privateDir = path.join(base, 'private');
      const publicDir = path.join(base, 'public');
      await mkdir(privateDir, { mode: 0o700 });
      await chmod(privateDir, 0o700);
      // The binaries as seen through the private folder (hard links: quick, and unreachable by that path).
      const nativeDir = path.join(privateDir, 'native');
      await exec('cp', ['-al', platformNativeDir(), nativeDir]);
      const data = path.join(privateDir, 'checkout', '.ferry');

      const db = await start(data, { relocateRoot: publicDir, nativeDir });
      expect(db.pgDataDir.startsWith(publicDir)).toBe(true);
      expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await db.stop();
      // The next start finds the same place (stable per FERRY_DATA_DIR) and the secrets stay in FERRY_DATA_DIR.
      const again = await start(data, { relocateRoot: publicDir, nativeDir });
      expect(again.pgDataDir).toBe(db.pgDataDir);
      expect((await stat(path.join(data, 'postgres.json'))).mode & 0o777).toBe(0o600);
      await again.stop();
    },
  );

  it.skipIf(!isRoot)(
    'when no reachable folder can be made either, then the error says what to do',
    async () => {
      const base = await tempDir('ferry-private-');
      const privateDir = path.join(base, 'private');
      await mkdir(privateDir, { mode: 0o700 });
      await chmod(privateDir, 0o700);
      const data = path.join(privateDir, '.ferry');
      const pgUser = { uid: 101, gid: 101 };
      expect(await firstBlockedFolder(data, pgUser)).toBe(privateDir);
      await expect(start(data, { relocateRoot: path.join(privateDir, 'elsewhere') })).rejects.toThrow(
        new RegExp(`cannot enter ${privateDir}[\\s\\S]*chmod o\\+x ${privateDir}[\\s\\S]*DATABASE_URL`),
      );
    },
  );
});
