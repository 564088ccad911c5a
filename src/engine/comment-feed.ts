// Where the tickets stage gets each ticket's comments: staged in PostgreSQL ahead of the writes, by one of
// two feeds, so the source's reads overlap Intercom's writes instead of pausing them.
// - Streamed (Zendesk's bulk ticket-events export): the stream yields the account's comments in time order
//   and says, page by page, before which instant it is complete. A ticket's comments are all older than
//   its updated_at, so a page of tickets may load once the stream is complete past its latest updated_at.
//   It runs beside the tickets stage only (stages.ts says why).
// - Per ticket (Freshdesk; Zendesk's small runs): the staged tickets' comments are read in staging order,
//   a page at a time, from the companies stage on (those stages write to Intercom only, so the source
//   would sit idle); a page of tickets may load once the reads have passed its last staged record.
// Each feed checkpoints with what it staged (one transaction per page), so a new stage or a resumed one
// goes on from there; a page staged twice (a crash between read and checkpoint) changes nothing.
import type { Knex } from 'knex';
import type { Comment, Ticket } from '../model/canonical.js';
import type { CommentsOfTicket, Page, RecordReadError, SourceConnector } from '../sources/connector.js';
import type { StageContext } from './context.js';
import { stageComments, stageReadComments, ticketsWithStagedComments } from './comment-staging.js';
import { extractStream, extracted } from './extract.js';
import { planOf } from './plan.js';
import { getRun, saveCursor, seqCheckpoint } from './run-state.js';
import type { StagedRecord } from './staging.js';

export const COMMENT_EVENTS_KEY = 'comment-events';
/** The per-ticket feed's checkpoint: the last staged ticket (run_records id) whose comments are staged. */
export const PER_TICKET_KEY = 'comments:per-ticket';
const PER_TICKET_PAGE = 50;

export interface CommentFeed {
  /** Resolves once the comments of these staged tickets are staged (or the feed ended or stopped). */
  readyFor(
    tickets: readonly Pick<StagedRecord<Pick<Ticket, 'updatedAt'>>, 'seq' | 'payload'>[],
  ): Promise<void>;
  /** Stops reading (the stage ends) and waits for the reader to settle. */
  close(): Promise<void>;
}

/** What a feed needs of its stage. */
export type FeedContext = Pick<StageContext, 'db' | 'run' | 'migration' | 'signal' | 'shouldStop'> & {
  connector: Pick<SourceConnector, 'commentEvents' | 'readComments'>;
};

/** A feed with nothing to read: the comments were staged by the plan (the demo), or read to the end. */
const COMPLETE: CommentFeed = { readyFor: () => Promise.resolve(), close: () => Promise.resolve() };

/** The feed the run's plan chose; the stages from companies to tickets each run one while they work. */
export function startCommentFeed(ctx: FeedContext): CommentFeed {
  switch (planOf(ctx).commentsMode) {
    case 'streamed':
      return startStreamedFeed(ctx, sinceOf(ctx));
    case 'per-ticket':
      return startPerTicketFeed(ctx);
    default:
      return COMPLETE;
  }
}

/** Stages the comments of one events page that belong to tickets the run staged. */
export async function stageCommentsInScope(
  trx: Knex.Transaction,
  runId: string,
  page: Page<Comment>,
): Promise<void> {
  const inScope = await ticketsInScope(
    trx,
    runId,
    page.records.map((c) => c.ticketId),
  );
  if (inScope.size === 0) return;
  await stageComments(
    trx,
    runId,
    page.records.filter((c) => inScope.has(c.ticketId)),
  );
}

/** Of these source ticket ids, those the run staged. */
async function ticketsInScope(
  trx: Knex.Transaction,
  runId: string,
  ticketIds: readonly string[],
): Promise<Set<string>> {
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return new Set();
  const rows = await trx('run_records')
    .where({ run_id: runId, entity: 'tickets' })
    .whereIn('source_id', ids)
    .select<{ source_id: string }[]>('source_id');
  return new Set(rows.map((r) => r.source_id));
}

/** The export's read failures of the run's tickets (and those naming no ticket: they may be the run's). */
export async function errorsInScope(
  trx: Knex.Transaction,
  runId: string,
  errors: readonly RecordReadError[],
): Promise<RecordReadError[]> {
  const inScope = await ticketsInScope(
    trx,
    runId,
    errors.flatMap((e) => (e.parentSourceId ? [e.parentSourceId] : [])),
  );
  return errors.filter((e) => !e.parentSourceId || inScope.has(e.parentSourceId));
}

const sinceOf = (ctx: FeedContext): Date | undefined => {
  const since = planOf(ctx).since;
  return since ? new Date(since) : undefined;
};

/**
 * How far a feed got, and the loaders waiting for it to get further. `reached(n)` is true once everything
 * up to n is staged; a feed that ended (or stopped) releases every waiter, one that failed rejects them.
 */
function progress(reached: (target: number) => boolean) {
  let settled: { error: unknown } | 'ended' | null = null;
  const waiters = new Set<{ target: number; resolve(): void; reject(e: unknown): void }>();
  const wake = (): void => {
    for (const w of waiters) {
      if (settled !== null && settled !== 'ended') w.reject(settled.error);
      else if (settled === 'ended' || reached(w.target)) w.resolve();
      else continue;
      waiters.delete(w);
    }
  };
  return {
    wake,
    settle(outcome: { error: unknown } | 'ended'): void {
      settled = outcome;
      wake();
    },
    wait(target: number): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiters.add({ target, resolve, reject });
        wake();
      });
    },
  };
}

/** Runs a feed's reader with its own stop switch; the reader ends early once `stopped()` is true. */
function runFeed(
  ctx: FeedContext,
  read: (local: FeedContext) => Promise<unknown>,
  p: ReturnType<typeof progress>,
): CommentFeed['close'] {
  const local = new AbortController();
  const reading = read({
    ...ctx,
    signal: AbortSignal.any([ctx.signal, local.signal]),
    shouldStop: () => local.signal.aborted || ctx.shouldStop(),
  }).then(
    // Read to the end, or stopped (a pause, a cancel, the stage done): a loader checks its own stop
    // condition before it starts another ticket, so releasing it here is safe.
    () => p.settle('ended'),
    (error: unknown) => p.settle(local.signal.aborted ? 'ended' : { error }),
  );
  return async () => {
    local.abort(new Error('the stage no longer needs the comment feed'));
    await reading;
  };
}

export function startStreamedFeed(ctx: FeedContext, since: Date | undefined): CommentFeed {
  const stream = ctx.connector.commentEvents;
  if (!stream || extracted(ctx, COMMENT_EVENTS_KEY)) return COMPLETE;
  let completeBefore = -Infinity;
  const p = progress((at) => at < completeBefore);
  const close = runFeed(
    ctx,
    (local) =>
      extractStream(local, {
        key: COMMENT_EVENTS_KEY,
        stream,
        since,
        onPage: (trx, page) => stageCommentsInScope(trx, ctx.run.id, page),
        keepErrors: (trx, errors) => errorsInScope(trx, ctx.run.id, errors),
        afterPage: (page) => {
          if (page.completeBefore) completeBefore = Date.parse(page.completeBefore);
          p.wake();
        },
      }),
    p,
  );
  return {
    readyFor(tickets) {
      // A ticket's comments are never newer than its last change; an unreadable date waits for the end.
      const latest = Math.max(...tickets.map((t) => Date.parse(t.payload.updatedAt)));
      return p.wait(Number.isNaN(latest) ? Infinity : latest);
    },
    close,
  };
}

export function startPerTicketFeed(ctx: FeedContext): CommentFeed {
  let staged = 0;
  const p = progress((seq) => seq <= staged);
  const close = runFeed(ctx, (local) => readPerTicket(local, (seq) => ((staged = seq), p.wake())), p);
  return {
    readyFor: (tickets) => p.wait(Math.max(...tickets.map((t) => t.seq))),
    close,
  };
}

/** Reads the staged tickets' comments in staging order, a page per transaction with its checkpoint. */
async function readPerTicket(ctx: FeedContext, advanced: (seq: number) => void): Promise<void> {
  const fresh = await getRun(ctx.db, ctx.run.id);
  let after = fresh ? seqCheckpoint(fresh, PER_TICKET_KEY) : 0;
  advanced(after);
  while (!ctx.shouldStop()) {
    const rows = await ctx
      .db('run_records')
      .where({ run_id: ctx.run.id, entity: 'tickets' })
      .andWhere('id', '>', after)
      .orderBy('id')
      .limit(PER_TICKET_PAGE)
      .select<{ id: string; source_id: string }[]>('id', 'source_id');
    if (rows.length === 0) return;
    // Tickets whose comments the plan staged as it read them (Freshdesk's archived ones) are not read again.
    const staged = await ticketsWithStagedComments(
      ctx.db,
      ctx.run.id,
      rows.map((r) => r.source_id),
    );
    const results: CommentsOfTicket[] = [];
    const toRead = rows.map((r) => r.source_id).filter((id) => !staged.has(id));
    if (toRead.length > 0)
      for await (const result of ctx.connector.readComments(toRead, ctx.signal)) results.push(result);
    const last = Number(rows[rows.length - 1]!.id);
    await ctx.db.transaction(async (trx) => {
      await stageReadComments(trx, { migrationId: ctx.migration.id, runId: ctx.run.id }, results);
      await saveCursor(trx, ctx.run.id, PER_TICKET_KEY, last);
    });
    after = last;
    advanced(last);
  }
}
