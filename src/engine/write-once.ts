// The one path by which the engine writes a record into Intercom, so that nothing is ever created twice
// (DESIGN "The ledger"). Intercom takes no idempotency key, so: mark the ledger row pending, call, mark it
// migrated with the target id. A row found pending (a crash, or an answer lost after Intercom applied the
// write) is first reconciled by reading Intercom back; only when Intercom has nothing is the write repeated.
// Where the only way back is Intercom's search, whose index lags writes by seconds to minutes, a miss proves
// nothing until the row has been pending longer than that lag (searchSettleMs): such a write is deferred
// (WriteDeferred), and its stage comes back to it at its end (src/engine/deferred-tickets.ts).
import type { Knex } from 'knex';
import { RecordError, RetryableError, SkipError } from '../errors.js';
import {
  markPending,
  markResult,
  markResultThenPending,
  pendingAgeMs,
  type LedgerKey,
  type LedgerRow,
  type PendingNext,
  type RowPlace,
} from './ledger.js';

/** Test-only: lets a test kill the process between an Intercom write and its ledger commit. */
export type CrashHook = (key: LedgerKey) => void;

export interface WriteContext {
  db: Knex;
  runId: string;
  crashHook?: CrashHook | undefined;
  /** Delays before each look at Intercom after an unknown outcome (default 0, 0.3, 1 and 2.5 s). */
  unknownOutcomeLooksMs?: readonly number[] | undefined;
  /** How long Intercom's search may lag a write (FERRY_SEARCH_SETTLE_S; default 180 s). */
  searchSettleMs?: number | undefined;
}

export const DEFAULT_SEARCH_SETTLE_MS = 180_000;

/**
 * The write's outcome cannot be known yet: its row is pending, reconcile() can only search Intercom, and the
 * row is younger than the search lag. The caller leaves the record pending and comes back after `waitMs`.
 */
export class WriteDeferred extends Error {
  constructor(
    readonly key: LedgerKey,
    readonly waitMs: number,
  ) {
    super(`${key.entity} ${key.sourceId}: deferred until Intercom's search has caught up (${waitMs} ms)`);
    this.name = 'WriteDeferred';
  }
}

export interface WriteSpec {
  key: LedgerKey;
  /** The row as last read (null when new); a migrated row with a target id is not written again. */
  existing: LedgerRow | null;
  place?: RowPlace;
  hash?: string | null;
  /** What was left off the record and why (kept as the migrated row's reason); a function is read after
   * the write (what a write found it could not carry, such as an attachment the source would not give). */
  note?: string | null | (() => string | null);
  /** Finds the object in Intercom when an earlier attempt may have created it; null when it is not there. */
  reconcile(): Promise<string | null>;
  /** reconcile() reads Intercom's search (which lags writes), not the object itself: a miss on a row
   * pending for less than the search lag defers the write instead of repeating it. */
  reconcileLags?: boolean;
  /** Creates the object; resolves to its Intercom id, or says the object existed already (an update, a
   * 409 on a known e-mail): rollback deletes only what Ferry created. */
  write(): Promise<string | { id: string; created: boolean }>;
  /** The next write of a chain: marked pending by the statement that records this one as migrated. */
  pendingAfter?: PendingNext | undefined;
  /** The row was marked pending by the write before it in its chain (pendingAfter): no mark of its own. */
  markedPending?: boolean | undefined;
}

export type WriteOutcome =
  | { status: 'migrated'; targetId: string; created: boolean }
  | { status: 'failed' | 'skipped'; reason: string };

/** Writes whose outcome stayed unknown this many times in a row make the record fail instead of spinning. */
const MAX_UNKNOWN_OUTCOMES = 4;

function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof RetryableError && (error as { outcomeUnknown?: boolean }).outcomeUnknown === true;
}

export async function writeOnce(ctx: WriteContext, spec: WriteSpec): Promise<WriteOutcome> {
  try {
    return await writeOrReconcile(ctx, spec);
  } catch (error) {
    // A refusal while reading Intercom back (a 404 on the ticket a pending part belongs to, say) is this
    // record's too: it fails with that reason rather than staying pending (and the run with it).
    if (!(error instanceof SkipError || error instanceof RecordError)) throw error;
    const status = error instanceof SkipError ? 'skipped' : 'failed';
    await markResult(ctx.db, spec.key, ctx.runId, { status, reason: error.message }, spec.place);
    return { status, reason: error.message };
  }
}

async function writeOrReconcile(ctx: WriteContext, spec: WriteSpec): Promise<WriteOutcome> {
  const { key } = spec;
  const done = async (targetId: string, created: boolean): Promise<WriteOutcome> => {
    const result = {
      status: 'migrated' as const,
      targetId,
      hash: spec.hash ?? null,
      reason: (typeof spec.note === 'function' ? spec.note() : spec.note) || null,
      created,
    };
    if (spec.pendingAfter)
      await markResultThenPending(ctx.db, key, ctx.runId, result, spec.place ?? {}, spec.pendingAfter);
    else await markResult(ctx.db, key, ctx.runId, result, spec.place);
    return { status: 'migrated', targetId, created };
  };
  if (spec.existing?.status === 'migrated' && spec.existing.target_id) {
    return { status: 'migrated', targetId: spec.existing.target_id, created: false };
  }
  if (spec.existing?.status === 'pending') {
    const found = await spec.reconcile();
    // What a pending row's earlier attempt left there: Ferry's own write made it (the reconcile reads look
    // for Ferry's own ids, or objects no migrated row claims).
    if (found) return done(found, true);
    if (spec.reconcileLags) {
      const wait = settleMs(ctx) - ((await pendingAgeMs(ctx.db, key)) ?? Infinity);
      if (wait > 0) throw new WriteDeferred(key, Math.ceil(wait));
    }
  }
  for (let unknown = 0, marked = spec.markedPending === true; ; marked = false) {
    if (!marked) await markPending(ctx.db, key, ctx.runId, spec.place);
    let written: string | { id: string; created: boolean };
    try {
      written = await spec.write();
    } catch (error) {
      if (isOutcomeUnknown(error) && unknown < MAX_UNKNOWN_OUTCOMES) {
        // Intercom may have applied the write before failing: look before writing again.
        unknown += 1;
        const found = await reconcileAfterUnknown(
          spec,
          ctx.unknownOutcomeLooksMs ?? UNKNOWN_OUTCOME_LOOKS_MS,
        );
        if (found) return done(found, true);
        // The search may simply not show it yet: writing again now could make a second object.
        if (spec.reconcileLags) throw new WriteDeferred(key, settleMs(ctx));
        continue;
      }
      // A record's own error fails or skips it (writeOnce); anything else (a configuration error pauses the
      // run, a transient one retries the job) leaves the row pending: the next attempt reconciles it first.
      throw error;
    }
    const target = typeof written === 'string' ? { id: written, created: true } : written;
    ctx.crashHook?.(key);
    return done(target.id, target.created);
  }
}

function settleMs(ctx: WriteContext): number {
  return ctx.searchSettleMs ?? DEFAULT_SEARCH_SETTLE_MS;
}

/** Intercom may still be applying a write whose answer was lost (a timeout while it fetched attachment URLs,
 * say): look a few times, a little apart, before concluding it was not applied. */
const UNKNOWN_OUTCOME_LOOKS_MS = [0, 300, 1_000, 2_500];

async function reconcileAfterUnknown(spec: WriteSpec, looks: readonly number[]): Promise<string | null> {
  for (const delay of looks) {
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const found = await spec.reconcile();
    if (found) return found;
  }
  return null;
}

/**
 * A crash hook driven by the environment, for the end-to-end crash tests: FERRY_TEST_KILL_AFTER_WRITES=N kills
 * the process (SIGKILL) right after the Nth Intercom write, before its ledger commit; "parts:N" counts only
 * writes of that ledger entity. Only honoured when NODE_ENV=test.
 */
export function crashHookFromEnv(env: NodeJS.ProcessEnv = process.env): CrashHook | undefined {
  const match = /^(?:([a-z_]+):)?(\d+)$/.exec(env.FERRY_TEST_KILL_AFTER_WRITES ?? '');
  if (env.NODE_ENV !== 'test' || !match) return undefined;
  const entity = match[1];
  const n = Number(match[2]);
  let writes = 0;
  return (key) => {
    if (entity !== undefined && key.entity !== entity) return;
    writes += 1;
    if (writes >= n) process.kill(process.pid, 'SIGKILL');
  };
}
