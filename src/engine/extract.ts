// Reads a source stream page by page into the run's staging, one transaction per page holding the page's
// staged records, its ledger rows (read failures) and its cursor: a resumed plan continues after the last
// committed page and never stages or skips a page twice.
import type { Knex } from 'knex';
import type { EntityName, EntityRecordMap } from '../model/canonical.js';
import type { Page, RecordReadError, Stream } from '../sources/connector.js';
import type { StageContext } from './context.js';
import { markResults } from './ledger.js';
import { getRun, saveCursor } from './run-state.js';

export interface ExtractOptions<E extends EntityName> {
  /** Checkpoint name (several streams may feed one entity). */
  key: string;
  stream: Stream<E>;
  /** Delta: only records created or changed since this instant. */
  since?: Date | undefined;
  /** Handles one page inside its transaction (stage what is in scope, ledger what is not). */
  onPage(trx: Knex.Transaction, page: Page<EntityRecordMap[E]>): Promise<void>;
  /** The read failures to ledger (default: all); a stream of the whole account keeps the run's own. */
  keepErrors?(trx: Knex.Transaction, errors: readonly RecordReadError[]): Promise<RecordReadError[]>;
  /** Called after a page's transaction committed (what it staged is visible to other connections). */
  afterPage?(page: Page<EntityRecordMap[E]>): void;
}

/** The checkpoint of a stream read to its end (no vendor cursor looks like this). */
export const EXTRACT_DONE = '(ferry: read to the end)';
const DONE = EXTRACT_DONE;

/** True when the stream was read to its end in an earlier attempt. */
export function extracted(ctx: Pick<StageContext, 'run'>, key: string): boolean {
  return ctx.run.cursors[`extract:${key}`] === DONE;
}

export async function extractStream<E extends EntityName>(
  ctx: Pick<StageContext, 'db' | 'run' | 'migration' | 'signal' | 'shouldStop'>,
  o: ExtractOptions<E>,
): Promise<boolean> {
  const cursorKey = `extract:${o.key}`;
  const fresh = await getRun(ctx.db, ctx.run.id);
  const saved = fresh?.cursors[cursorKey];
  if (saved === DONE) return true;
  const cursor = typeof saved === 'string' ? saved : null;
  const since = o.since && !o.stream.incremental ? undefined : o.since;
  for await (const page of o.stream.read({ cursor, ...(since ? { since } : {}), signal: ctx.signal })) {
    // A source that cannot filter by time: the engine keeps what changed since the watermark.
    const records =
      o.since && !o.stream.incremental
        ? page.records.filter((r) => {
            const updated = (r as { updatedAt?: string }).updatedAt;
            return updated === undefined || Date.parse(updated) >= o.since!.getTime();
          })
        : page.records;
    await ctx.db.transaction(async (trx) => {
      await o.onPage(trx, { ...page, records });
      const kept =
        o.keepErrors && page.errors.length > 0 ? await o.keepErrors(trx, page.errors) : page.errors;
      if (kept.length > 0) {
        for (const [entity, errors] of groupBy(kept, (e) => e.entity)) {
          await markResults(
            trx,
            ctx.migration.id,
            entity,
            ctx.run.id,
            errors.map((e) => ({
              sourceId: e.sourceId,
              status: 'failed' as const,
              reason: `could not read it from the source: ${e.reason}`,
              ...(e.parentSourceId ? { parentSourceId: e.parentSourceId } : {}),
            })),
          );
        }
      }
      await saveCursor(trx, ctx.run.id, cursorKey, page.cursor ?? DONE);
    });
    o.afterPage?.(page);
    if (page.cursor === null) return true;
    if (ctx.shouldStop()) return false;
  }
  await saveCursor(ctx.db, ctx.run.id, cursorKey, DONE);
  return true;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
