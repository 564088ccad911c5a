// Comments staged in PostgreSQL. Zendesk's bulk comment stream (incremental ticket-events export) yields
// the comments of every ticket in time order; the engine stages them as they come and rebuilds each
// ticket's comments from here when the ticket is loaded. The demo stages its 20 tickets' comments too
// (the plan reads them to learn which contacts the demo needs).
import type { Knex } from 'knex';
import { commentSchema, type Comment } from '../model/canonical.js';
import type { CommentsOfTicket } from '../sources/connector.js';
import { markResults } from './ledger.js';

export async function stageComments(
  db: Knex | Knex.Transaction,
  runId: string,
  comments: readonly Comment[],
): Promise<void> {
  if (comments.length === 0) return;
  const rows = comments.map((c) => ({
    run_id: runId,
    ticket_source_id: c.ticketId,
    comment_source_id: c.id,
    created_at: c.createdAt,
    payload: JSON.stringify(c),
  }));
  // A replayed page (a resume from the previous cursor) must not stage a comment twice.
  await db('staged_comment_events')
    .insert(rows)
    .onConflict(['run_id', 'comment_source_id'])
    .merge(['payload']);
}

/** Stages comments read per ticket and ledgers the ones that could not be read (with the source's reason). */
export async function stageReadComments(
  trx: Knex.Transaction,
  ids: { migrationId: string; runId: string },
  results: readonly CommentsOfTicket[],
): Promise<void> {
  await stageComments(
    trx,
    ids.runId,
    results.flatMap((r) => r.comments),
  );
  const failed = results.flatMap((r) =>
    r.errors.map((e) => ({
      sourceId: e.sourceId,
      status: 'failed' as const,
      reason: `could not read it from the source: ${e.reason}`,
      parentSourceId: r.ticketId,
    })),
  );
  await markResults(trx, ids.migrationId, 'comments', ids.runId, failed);
}

/** The tickets among these whose comments are staged already (the plan kept what it read with them). */
export async function ticketsWithStagedComments(
  db: Knex,
  runId: string,
  ticketIds: readonly string[],
): Promise<Set<string>> {
  if (ticketIds.length === 0) return new Set();
  const rows = await db('staged_comment_events')
    .where({ run_id: runId })
    .whereIn('ticket_source_id', ticketIds)
    .distinct<{ id: string }[]>({ id: 'ticket_source_id' });
  return new Set(rows.map((r) => r.id));
}

/** A ticket's staged comments in source order: by created_at, then the order the stream gave them. */
export async function stagedCommentsOf(db: Knex, runId: string, ticketId: string): Promise<Comment[]> {
  const rows = await db('staged_comment_events')
    .where({ run_id: runId, ticket_source_id: ticketId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select<{ payload: unknown }[]>('payload');
  return rows.map((r) => commentSchema.parse(r.payload));
}

/** The staged comments of many tickets at once (one query per page of tickets). */
export async function stagedCommentsOfMany(
  db: Knex,
  runId: string,
  ticketIds: readonly string[],
): Promise<Map<string, Comment[]>> {
  const result = new Map<string, Comment[]>(ticketIds.map((id) => [id, []]));
  if (ticketIds.length === 0) return result;
  const rows = await db('staged_comment_events')
    .where({ run_id: runId })
    .whereIn('ticket_source_id', ticketIds)
    .orderBy([{ column: 'ticket_source_id' }, { column: 'created_at' }, { column: 'id' }])
    .select<{ payload: unknown }[]>('payload');
  for (const row of rows) {
    const comment = commentSchema.parse(row.payload);
    result.get(comment.ticketId)?.push(comment);
  }
  return result;
}
