// Who runs the embedded PostgreSQL of a FERRY_DATA_DIR. The process that starts it claims
// postgres.owner.json (created exclusively, so two starting processes cannot both win) and records its pid
// and the port; another Ferry process on the same folder (the CLI while the server runs) finds a live
// owner and connects. An owner file whose process is gone is a leftover of a crash.
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { processStartTime } from './embedded-processes.js';

const ownerSchema = z.object({
  pid: z.number().int(),
  /** Kernel start time of the owner: tells a live owner from an unrelated process that reused its pid. */
  processStart: z.string().optional(),
  state: z.enum(['starting', 'running']),
  port: z.number().int().optional(),
  pgDataDir: z.string(),
  startedAt: z.string(),
});
export type Owner = z.infer<typeof ownerSchema>;

const stateSchema = z.object({ password: z.string().min(16), lastPort: z.number().int().optional() });
export type EmbeddedState = z.infer<typeof stateSchema>;

export const ownerFile = (dataDir: string): string => path.join(dataDir, 'postgres.owner.json');
const stateFile = (dataDir: string): string => path.join(dataDir, 'postgres.json');

export type ReadOwner =
  | { kind: 'none' }
  | { kind: 'owner'; owner: Owner; raw: string }
  | { kind: 'unreadable'; raw: string; ageMs: number };

export async function readOwner(dataDir: string): Promise<ReadOwner> {
  const file = ownerFile(dataDir);
  const [raw, stat] = await Promise.all([
    fs.readFile(file, 'utf8').catch(() => undefined),
    fs.stat(file).catch(() => undefined),
  ]);
  if (raw === undefined || !stat) return { kind: 'none' };
  const parsed = ownerSchema.safeParse(parseJson(raw));
  if (parsed.success) return { kind: 'owner', owner: parsed.data, raw };
  // Damaged (files are written whole, so not half-written): the caller replaces it.
  return { kind: 'unreadable', raw, ageMs: Date.now() - stat.mtimeMs };
}

/** Claims ownership: true when this process created the owner file. */
export async function claimOwner(dataDir: string, pgDataDir: string): Promise<boolean> {
  const owner: Owner = {
    pid: process.pid,
    processStart: processStartTime(process.pid),
    state: 'starting',
    pgDataDir,
    startedAt: new Date().toISOString(),
  };
  return createExclusive(ownerFile(dataDir), JSON.stringify(owner), 0o644);
}

/** Creates `file` with its whole content at once, only if it does not exist (a hard link is atomic). */
async function createExclusive(file: string, content: string, mode: number): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, content, { mode });
  try {
    await fs.link(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Records the port once the server answers (write then rename, so readers never see half a file). */
export async function markRunning(dataDir: string, port: number): Promise<void> {
  const current = await readOwner(dataDir);
  if (current.kind !== 'owner' || current.owner.pid !== process.pid) {
    throw new Error(
      `${ownerFile(dataDir)} was taken over by another process while this one started PostgreSQL`,
    );
  }
  const tmp = `${ownerFile(dataDir)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ ...current.owner, state: 'running', port }), { mode: 0o644 });
  await fs.rename(tmp, ownerFile(dataDir));
}

/** Removes a leftover owner file, unless it changed since it was read (someone else claimed it meanwhile). */
export async function removeStaleOwner(dataDir: string, raw: string): Promise<void> {
  const now = await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => undefined);
  if (now === raw) await fs.rm(ownerFile(dataDir), { force: true });
}

/** Synchronous, for the 'exit' handler: removes the owner file when it is this process's. */
export function releaseOwnerSync(dataDir: string): void {
  try {
    const owner = ownerSchema.safeParse(parseJson(readFileSync(ownerFile(dataDir), 'utf8')));
    if (owner.success && owner.data.pid === process.pid) rmSync(ownerFile(dataDir), { force: true });
  } catch {
    // nothing to release
  }
}

/** The superuser password (random per FERRY_DATA_DIR, file mode 0600) and the last port used. */
export async function loadOrCreateState(dataDir: string): Promise<EmbeddedState> {
  const raw = await fs.readFile(stateFile(dataDir), 'utf8').catch(() => undefined);
  if (raw !== undefined) {
    const parsed = stateSchema.safeParse(parseJson(raw));
    if (parsed.success) return parsed.data;
    throw new Error(
      `${stateFile(dataDir)} is damaged; restore it, or delete FERRY_DATA_DIR/postgres and it to start afresh`,
    );
  }
  const state: EmbeddedState = { password: randomBytes(24).toString('base64url') };
  // Another process may create it first: then use theirs.
  if (await createExclusive(stateFile(dataDir), JSON.stringify(state), 0o600)) return state;
  return loadOrCreateState(dataDir);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export async function saveLastPort(dataDir: string, state: EmbeddedState, port: number): Promise<void> {
  if (state.lastPort === port) return;
  const tmp = `${stateFile(dataDir)}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ ...state, lastPort: port }), { mode: 0o600 });
  await fs.rename(tmp, stateFile(dataDir));
}
