// The bulk comment stream read while tickets load (src/engine/comment-feed.ts): a ticket may load once the
// stream is complete past its updated_at, and by then its comments are staged where the loader reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';
import { installSchema } from '../../src/jobs/runner/index.js';
import { createMigration, ensureWorkspace, startRun } from '../../src/app/runs.js';
import { getMigration } from '../../src/engine/context.js';
import { getRun } from '../../src/engine/run-state.js';
import { stageRecords } from '../../src/engine/staging.js';
import { stagedCommentsOf } from '../../src/engine/comment-staging.js';
import {
  PER_TICKET_KEY,
  startPerTicketFeed,
  startStreamedFeed,
  type FeedContext,
} from '../../src/engine/comment-feed.js';
import type { Comment } from '../../src/model/canonical.js';
import type { CommentsOfTicket, Page, Stream } from '../../src/sources/connector.js';

const logger = pino({ level: 'silent' });

function comment(id: string, ticketId: string, createdAt: string): Comment {
  return {
    id,
    ticketId,
    authorId: '1',
    authorRole: 'end-user',
    public: true,
    html: `<p>${id}</p>`,
    plain: id,
    createdAt,
    attachments: [],
    ccEmails: [],
  };
}

/** A stream whose pages the test hands out one at a time (or fails). */
function scriptedStream() {
  const queue: Array<(page: Page<Comment> | Error) => void> = [];
  const pending: Array<Page<Comment> | Error> = [];
  const next = () =>
    new Promise<Page<Comment> | Error>((resolve) => {
      const ready = pending.shift();
      if (ready) resolve(ready);
      else queue.push(resolve);
    });
  const stream: Stream<'comments'> = {
    name: 'comments',
    incremental: true,
    primaryKey: (c) => c.id,
    async *read() {
      for (;;) {
        const page = await next();
        if (page instanceof Error) throw page;
        yield page;
        if (page.cursor === null) return;
      }
    },
  };
  return {
    stream,
    give(page: Page<Comment> | Error) {
      const waiting = queue.shift();
      if (waiting) waiting(page);
      else pending.push(page);
    },
  };
}

/** A staged ticket as the feed sees it: its place in the staging and its last change. */
const ticket = (updatedAt: string, seq = 1) => [{ seq, payload: { updatedAt } }];

const pendingFor = async (p: Promise<unknown>, ms = 150): Promise<boolean> =>
  Promise.race([p.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), ms))]);

describe('comment feed: Zendesk comment events read while tickets load', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createMigratedTestDatabase();
    await installSchema(db.url, logger);
  });
  afterAll(async () => db?.drop());

  async function context(
    name: string,
    stream: Stream<'comments'>,
    tickets = ['A', 'B'],
  ): Promise<FeedContext> {
    const workspaceId = await ensureWorkspace(db.knex, `ws-${name}`, name);
    const migrationId = await createMigration(db.knex, { workspaceId, name, platform: 'zendesk' });
    const runId = await startRun(db.knex, migrationId, 'full');
    await stageRecords(
      db.knex,
      runId,
      'tickets',
      tickets.map((sourceId) => ({ sourceId, payload: {} })),
    );
    return {
      db: db.knex,
      run: (await getRun(db.knex, runId))!,
      migration: (await getMigration(db.knex, migrationId))!,
      connector: {
        commentEvents: stream,
        readComments: () => {
          throw new Error('the streamed feed reads no ticket on its own');
        },
      },
      signal: new AbortController().signal,
      shouldStop: () => false,
    };
  }

  it('when the stream is complete past a ticket’s last change, then the ticket may load and its comments are staged; a later ticket waits for its page', async () => {
    const s = scriptedStream();
    const ctx = await context('gating', s.stream);
    const feed = startStreamedFeed(ctx, undefined);
    const ticketA = ticket('2020-01-01T10:00:00Z');
    const ticketB = ticket('2020-01-01T12:00:00Z');
    const readyA = feed.readyFor(ticketA);
    expect(await pendingFor(readyA)).toBe(true);

    s.give({
      records: [comment('1', 'A', '2020-01-01T09:00:00Z'), comment('2', 'X', '2020-01-01T09:30:00Z')],
      errors: [],
      deletedIds: [],
      cursor: 'page-2',
      completeBefore: '2020-01-01T11:00:00.000Z',
    });
    await readyA;
    // Staged before the loader is told, and only for tickets the run took in hand.
    expect((await stagedCommentsOf(db.knex, ctx.run.id, 'A')).map((c) => c.id)).toEqual(['1']);
    expect(await stagedCommentsOf(db.knex, ctx.run.id, 'X')).toEqual([]);

    const readyB = feed.readyFor(ticketB);
    expect(await pendingFor(readyB)).toBe(true);
    s.give({
      records: [comment('3', 'B', '2020-01-01T11:30:00Z')],
      errors: [],
      deletedIds: [],
      cursor: null,
    });
    await readyB;
    expect((await stagedCommentsOf(db.knex, ctx.run.id, 'B')).map((c) => c.id)).toEqual(['3']);
    // Read to its end: anything asked later is ready at once, and a resumed stage does not read it again.
    await feed.readyFor(ticket('2030-01-01T00:00:00Z'));
    await feed.close();
    const run = (await getRun(db.knex, ctx.run.id))!;
    const again = startStreamedFeed({ ...ctx, run }, undefined);
    expect(await pendingFor(again.readyFor(ticket('2030-01-01T00:00:00Z')))).toBe(false);
  });

  it('when the stream fails, then a waiting loader gets the error instead of waiting forever', async () => {
    const s = scriptedStream();
    const feed = startStreamedFeed(await context('failing', s.stream), undefined);
    const ready = feed.readyFor(ticket('2020-01-01T10:00:00Z'));
    s.give(new Error('Zendesk answered 401'));
    await expect(ready).rejects.toThrow('Zendesk answered 401');
    await feed.close();
  });

  it('when the tickets stage closes the feed while the stream is still read, then close settles and waiters are released', async () => {
    const s = scriptedStream();
    const feed = startStreamedFeed(await context('closing', s.stream), undefined);
    const ready = feed.readyFor(ticket('2020-01-01T10:00:00Z'));
    s.give({
      records: [],
      errors: [],
      deletedIds: [],
      cursor: 'more',
      completeBefore: '2020-01-01T00:00:00Z',
    });
    expect(await pendingFor(ready)).toBe(true);
    const closing = feed.close();
    // The reader is parked waiting for its next page: give it one so it sees it must stop.
    s.give({ records: [], errors: [], deletedIds: [], cursor: 'more' });
    await closing;
    await ready;
  });

  it('when comments are read per ticket beside the other stages, then a page of tickets may load once its comments are staged, read failures are recorded, and a new feed goes on after the checkpoint', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => String(100 + i));
    const ctx = await context('per-ticket', scriptedStream().stream, ids);
    const seqOf = new Map(
      (
        await db
          .knex('run_records')
          .where({ run_id: ctx.run.id, entity: 'tickets' })
          .select<{ id: string; source_id: string }[]>('id', 'source_id')
      ).map((r) => [r.source_id, Number(r.id)]),
    );
    const read: string[][] = [];
    let releaseSecond!: () => void;
    const secondPage = new Promise<void>((r) => (releaseSecond = r));
    const connector: FeedContext['connector'] = {
      async *readComments(ticketIds: string[], signal?: AbortSignal): AsyncIterable<CommentsOfTicket> {
        read.push(ticketIds);
        // Like the real connectors, a read in flight ends when the feed is closed.
        if (ticketIds.includes('155'))
          await new Promise<void>((resolve, reject) => {
            void secondPage.then(resolve);
            signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          });
        for (const id of ticketIds)
          yield id === '101'
            ? {
                ticketId: id,
                comments: [],
                errors: [{ entity: 'comments', sourceId: id, reason: 'HTTP 500' }],
              }
            : { ticketId: id, comments: [comment(`c${id}`, id, '2020-01-01T09:00:00Z')], errors: [] };
      },
    };
    const feed = startPerTicketFeed({ ...ctx, connector });
    const at = (id: string) => [{ seq: seqOf.get(id)!, payload: { updatedAt: '2020-01-01T10:00:00Z' } }];
    await feed.readyFor(at('149'));
    expect((await stagedCommentsOf(db.knex, ctx.run.id, '149')).map((c) => c.id)).toEqual(['c149']);
    const failed = await db
      .knex('ledger')
      .where({ migration_id: ctx.migration.id, entity: 'comments', source_id: '101' })
      .first<{ status: string; reason: string }>();
    expect(failed).toMatchObject({ status: 'failed', reason: 'could not read it from the source: HTTP 500' });
    // The second page is still being read: its tickets wait.
    expect(await pendingFor(feed.readyFor(at('155')))).toBe(true);
    await feed.close();
    expect((await getRun(db.knex, ctx.run.id))!.cursors[PER_TICKET_KEY]).toBe(seqOf.get('149'));

    releaseSecond();
    const again = startPerTicketFeed({ ...ctx, connector });
    await again.readyFor(at('159'));
    expect(read.at(-1)).toEqual(ids.slice(50));
    expect((await stagedCommentsOf(db.knex, ctx.run.id, '159')).map((c) => c.id)).toEqual(['c159']);
    await again.close();
  });
});
