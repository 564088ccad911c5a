// Zendesk's bulk comment stream, read while the tickets load. The ticket-events export yields the account's
// comments in time order and says, page by page, before which instant it is complete. A ticket's comments
// are all older than its updated_at, so a ticket can be loaded as soon as the stream is complete past its
// updated_at: the export's 10 calls a minute then overlap Intercom's writes instead of preceding them.
// The events are staged in PostgreSQL (one transaction per page, with the stream's cursor), so a resumed
// stage goes on from the last staged page; the loader rebuilds each ticket's comments from the staging.
import type { Knex } from 'knex';
import type { Comment } from '../model/canonical.js';
import type { Page, SourceConnector } from '../sources/connector.js';
import type { StageContext } from './context.js';
import { stageComments } from './comment-staging.js';
import { extractStream, extracted } from './extract.js';

export const COMMENT_EVENTS_KEY = 'comment-events';

export interface CommentFeed {
  /** Resolves once every comment created before or at `instant` is staged, or the stream ended or stopped. */
  readyFor(instant: Date): Promise<void>;
  /** Stops reading (the tickets are loaded, or the stage stops) and waits for the reader to settle. */
  close(): Promise<void>;
}

/** Stages the comments of one events page that belong to tickets the run staged. */
export async function stageCommentsInScope(
  trx: Knex.Transaction,
  runId: string,
  page: Page<Comment>,
): Promise<void> {
  const ids = [...new Set(page.records.map((c) => c.ticketId))];
  if (ids.length === 0) return;
  const inScope = new Set(
    (
      await trx('run_records')
        .where({ run_id: runId, entity: 'tickets' })
        .whereIn('source_id', ids)
        .select<{ source_id: string }[]>('source_id')
    ).map((r) => r.source_id),
  );
  await stageComments(
    trx,
    runId,
    page.records.filter((c) => inScope.has(c.ticketId)),
  );
}

/** A feed already complete: the stream was read to its end by an earlier attempt. */
const COMPLETE: CommentFeed = { readyFor: () => Promise.resolve(), close: () => Promise.resolve() };

/** What the feed needs of its stage. */
export type FeedContext = Pick<StageContext, 'db' | 'run' | 'migration' | 'signal' | 'shouldStop'> & {
  connector: Pick<SourceConnector, 'commentEvents'>;
};

export function startCommentFeed(ctx: FeedContext, since: Date | undefined): CommentFeed {
  const stream = ctx.connector.commentEvents;
  if (!stream || extracted(ctx, COMMENT_EVENTS_KEY)) return COMPLETE;
  const local = new AbortController();
  let completeBefore = -Infinity;
  let settled: { error: unknown } | 'ended' | null = null;
  const waiters = new Set<{ at: number; resolve(): void; reject(e: unknown): void }>();
  const wake = (): void => {
    for (const w of waiters) {
      if (settled !== null && settled !== 'ended') w.reject(settled.error);
      else if (settled === 'ended' || w.at < completeBefore) w.resolve();
      else continue;
      waiters.delete(w);
    }
  };
  const reading = extractStream(
    {
      ...ctx,
      signal: AbortSignal.any([ctx.signal, local.signal]),
      shouldStop: () => local.signal.aborted || ctx.shouldStop(),
    },
    {
      key: COMMENT_EVENTS_KEY,
      stream,
      since,
      onPage: (trx, page) => stageCommentsInScope(trx, ctx.run.id, page),
      afterPage: (page) => {
        if (page.completeBefore) completeBefore = Date.parse(page.completeBefore);
        wake();
      },
    },
  ).then(
    () => {
      // Read to the end, or stopped (a pause, a cancel, the tickets all loaded): the loader checks its own
      // stop condition before it starts another ticket, so nobody waits on a stopped feed.
      settled = 'ended';
      wake();
    },
    (error: unknown) => {
      settled = local.signal.aborted ? 'ended' : { error };
      wake();
    },
  );
  return {
    readyFor(instant) {
      const at = Number.isNaN(instant.getTime()) ? Infinity : instant.getTime();
      return new Promise<void>((resolve, reject) => {
        waiters.add({ at, resolve, reject });
        wake();
      });
    },
    async close() {
      local.abort(new Error('the tickets stage no longer needs the comment stream'));
      await reading;
    },
  };
}
