// The plan stage: what the run takes in hand. Counts what the source holds ("available"), then stages the
// run's scope in PostgreSQL: a demo's 20 sampled tickets (seeded by the migration, so a rerun takes the same
// ones) with their comments and exactly the contacts and companies they need; a full run's every selected
// record; a delta's records changed since the last run's watermark. Exact totals follow from the staging.
import type { Knex } from 'knex';
import type { Comment, Contact, Ticket } from '../model/canonical.js';
import type { StageContext } from './context.js';
import { stageComments, stageReadComments } from './comment-staging.js';
import { EXTRACT_DONE, extractStream, extracted } from './extract.js';
import { markResults } from './ledger.js';
import { getRun, mergePlan, saveCursor } from './run-state.js';
import { countStaged, stageRecords } from './staging.js';
import { ticketMatchesFilters } from '../transform/filters.js';
import { stageTargets, targetsSchema } from './targeted-plan.js';

export const DEMO_TICKETS = 20;
export const DELETED_IN_SOURCE = 'deleted in the source: deletions are reported, not propagated to Intercom';

/**
 * staged: the comments were staged by the plan (the demo); streamed: the tickets stage stages them from the
 * bulk stream as it loads; per-ticket: read from the source per page of tickets.
 */
export type CommentsMode = 'staged' | 'streamed' | 'per-ticket';

export interface RunPlan {
  available?: Record<string, number | null>;
  since?: string | null;
  commentsMode?: CommentsMode;
  totals?: Record<string, number>;
  planned?: boolean;
  /** A targeted delta (live catch-up): exactly these source ids, re-read (targeted-plan.ts). */
  targets?: unknown;
}

export function planOf(ctx: Pick<StageContext, 'run'>): RunPlan {
  return ctx.run.plan as RunPlan;
}

export async function runPlanStage(ctx: StageContext): Promise<boolean> {
  const plan = planOf(ctx);
  if (!plan.available) {
    const available = await ctx.connector.countAvailable(ctx.signal);
    // A run's report sets its totals against what the source holds: an estimate (Freshdesk's ticket id
    // range) would read as a count there, so it stays unknown; the wizard shows it as "about N".
    for (const entity of ctx.connector.estimatedCounts ?? []) available[entity] = null;
    await mergePlan(ctx.db, ctx.run.id, { available });
  }
  if (plan.targets) {
    await stageTargets(ctx, targetsSchema.parse(plan.targets));
    await saveTotals(ctx);
    return true;
  }
  const since = plan.since ? new Date(plan.since) : undefined;
  const entities = new Set(ctx.settings.entities);
  const wantsTickets = entities.has('tickets');

  if (wantsTickets) {
    if (ctx.run.kind === 'demo') await stageDemoTickets(ctx);
    else if (!(await stageTickets(ctx, since))) return false;
    await chooseCommentsMode(ctx);
  }
  if (entities.has('contacts') || wantsTickets) {
    if (!(await stageContacts(ctx, since))) return false;
  }
  if (entities.has('companies') || wantsTickets) {
    if (!(await stageCompanies(ctx, since))) return false;
  }
  if (entities.has('articles') && ctx.run.kind !== 'demo') {
    if (!(await stageArticles(ctx, since))) return false;
  }
  await saveTotals(ctx);
  return true;
}

async function saveTotals(ctx: StageContext): Promise<void> {
  const totals: Record<string, number> = {};
  for (const entity of ['tickets', 'contacts', 'companies', 'articles', 'categories', 'sections']) {
    totals[entity] = await countStaged(ctx.db, ctx.run.id, entity);
  }
  await mergePlan(ctx.db, ctx.run.id, { totals, planned: true });
}

/** Demo: the seeded sample, its comments staged (they name the contacts the demo needs). */
async function stageDemoTickets(ctx: StageContext): Promise<void> {
  if (extracted(ctx, 'tickets')) return;
  const sample = await ctx.connector.sampleTickets(DEMO_TICKETS, ctx.migration.id, ctx.signal);
  const comments: Comment[] = [];
  for await (const result of ctx.connector.readComments(
    sample.map((t) => t.id),
    ctx.signal,
  )) {
    comments.push(...result.comments);
  }
  await ctx.db.transaction(async (trx) => {
    await stageRecords(
      trx,
      ctx.run.id,
      'tickets',
      sample.map((t) => ({ sourceId: t.id, payload: t })),
    );
    await stageComments(trx, ctx.run.id, comments);
    await saveCursor(trx, ctx.run.id, 'extract:tickets', EXTRACT_DONE);
  });
  await mergePlan(ctx.db, ctx.run.id, { commentsMode: 'staged' });
}

async function stageTickets(ctx: StageContext, since: Date | undefined): Promise<boolean> {
  const stream = ctx.connector.streams.tickets;
  if (!stream) return true;
  return extractStream(ctx, {
    key: 'tickets',
    stream,
    since,
    onPage: async (trx, page) => {
      const deleted = new Set(page.deletedIds);
      const inScope: Ticket[] = [];
      for (const t of page.records) {
        if (t.status === 'deleted') deleted.add(t.id);
        else if (ticketMatchesFilters(t, ctx.settings.filters)) inScope.push(t);
      }
      await stageRecords(
        trx,
        ctx.run.id,
        'tickets',
        inScope.map((t) => ({ sourceId: t.id, payload: t })),
      );
      // Comments read with the tickets (Freshdesk's archived ones): kept, never read again (comment-feed.ts).
      if (page.comments) {
        const kept = new Set(inScope.map((t) => t.id));
        await stageReadComments(
          trx,
          { migrationId: ctx.migration.id, runId: ctx.run.id },
          page.comments.filter((c) => kept.has(c.ticketId)),
        );
      }
      await markResults(
        trx,
        ctx.migration.id,
        'tickets',
        ctx.run.id,
        [...deleted].map((id) => ({ sourceId: id, status: 'skipped' as const, reason: DELETED_IN_SOURCE })),
      );
    },
  });
}

/**
 * Zendesk's bulk comment stream costs about one call per thousand comments instead of one per ticket: used
 * when the run covers enough of the account. It is read by the tickets stage while the tickets load
 * ("streamed", src/engine/comment-feed.ts); each ticket's comments are rebuilt from the staged events.
 */
async function chooseCommentsMode(ctx: StageContext): Promise<void> {
  const fresh = await getRun(ctx.db, ctx.run.id);
  const plan = (fresh?.plan ?? {}) as RunPlan;
  if (plan.commentsMode) return;
  const stream = ctx.connector.commentEvents;
  const staged = await countStaged(ctx.db, ctx.run.id, 'tickets');
  // The bulk stream reads the WHOLE account's events: the connector says whether that finishes sooner than
  // one call per ticket at its rate limits (no commentReadPlan → per ticket).
  const bulk =
    stream !== undefined &&
    ctx.connector.commentReadPlan?.({
      ticketsInRun: staged,
      ticketsInAccount: plan.available?.tickets ?? null,
      limits: ctx.deps.sourceLimits ?? {},
    }) === 'bulk';
  await mergePlan(ctx.db, ctx.run.id, { commentsMode: bulk ? 'streamed' : 'per-ticket' });
}

/** The source users a set of staged tickets needs: requesters, submitters, CCs, followers, comment authors. */
export async function usersNeededByTickets(db: Knex, runId: string): Promise<Set<string>> {
  const rows = await db.raw<{ rows: { id: string | null }[] }>(
    `select payload->>'requesterId' as id from run_records where run_id = :run and entity = 'tickets'
     union select payload->>'submitterId' from run_records where run_id = :run and entity = 'tickets'
     union select jsonb_array_elements_text(payload->'ccIds') from run_records where run_id = :run and entity = 'tickets'
     union select jsonb_array_elements_text(payload->'followerIds') from run_records where run_id = :run and entity = 'tickets'
     union select payload->>'authorId' from staged_comment_events where run_id = :run`,
    { run: runId },
  );
  return new Set(rows.rows.flatMap((r) => (r.id ? [r.id] : [])));
}

function isEndUser(c: Contact): boolean {
  return c.role === 'end-user';
}

async function stageContacts(ctx: StageContext, since: Date | undefined): Promise<boolean> {
  const stream = ctx.connector.streams.contacts;
  if (!stream) return true;
  const neededByTickets = await usersNeededByTickets(ctx.db, ctx.run.id);
  const needed = ctx.run.kind === 'demo' ? neededByTickets : null;
  return extractStream(ctx, {
    key: 'contacts',
    stream,
    since: ctx.run.kind === 'delta' ? since : undefined,
    onPage: async (trx, page) => {
      // Agents become contacts only as requesters, when a ticket needs them (the tickets stage does that).
      // A deleted end user is kept only when a ticket of the run names them: an Intercom ticket needs its
      // requester as a contact, and the history keeps its people.
      const keep = page.records.filter(
        (c) =>
          isEndUser(c) && (needed === null || needed.has(c.id)) && (!c.deleted || neededByTickets.has(c.id)),
      );
      await stageRecords(
        trx,
        ctx.run.id,
        'contacts',
        keep.map((c) => ({ sourceId: c.id, payload: c })),
      );
    },
  });
}

export async function companiesNeeded(db: Knex, runId: string): Promise<Set<string>> {
  const rows = await db.raw<{ rows: { id: string | null }[] }>(
    `select payload->>'companyId' as id from run_records where run_id = :run and entity = 'tickets'
     union select jsonb_array_elements_text(payload->'companyIds') from run_records where run_id = :run and entity = 'contacts'`,
    { run: runId },
  );
  return new Set(rows.rows.flatMap((r) => (r.id ? [r.id] : [])));
}

async function stageCompanies(ctx: StageContext, since: Date | undefined): Promise<boolean> {
  const stream = ctx.connector.streams.companies;
  if (!stream) return true;
  const needed = ctx.run.kind === 'demo' ? await companiesNeeded(ctx.db, ctx.run.id) : null;
  return extractStream(ctx, {
    key: 'companies',
    stream,
    since: ctx.run.kind === 'delta' ? since : undefined,
    onPage: async (trx, page) => {
      const keep = page.records.filter((c) => needed === null || needed.has(c.id));
      await stageRecords(
        trx,
        ctx.run.id,
        'companies',
        keep.map((c) => ({ sourceId: c.id, payload: c })),
      );
    },
  });
}

async function stageArticles(ctx: StageContext, since: Date | undefined): Promise<boolean> {
  const { categories, sections, articles } = ctx.connector.streams;
  // Collections are few and cheap: always staged whole so a delta's new article finds its parent.
  if (categories) {
    const ok = await extractStream(ctx, {
      key: 'categories',
      stream: categories,
      onPage: (trx, page) =>
        stageRecords(
          trx,
          ctx.run.id,
          'categories',
          page.records.map((r) => ({ sourceId: r.id, payload: r })),
        ),
    });
    if (!ok) return false;
  }
  if (sections) {
    const ok = await extractStream(ctx, {
      key: 'sections',
      stream: sections,
      onPage: (trx, page) =>
        stageRecords(
          trx,
          ctx.run.id,
          'sections',
          page.records.map((r) => ({ sourceId: r.id, payload: r })),
        ),
    });
    if (!ok) return false;
  }
  if (!articles) return true;
  return extractStream(ctx, {
    key: 'articles',
    stream: articles,
    since: ctx.run.kind === 'delta' ? since : undefined,
    onPage: async (trx, page) => {
      await stageRecords(
        trx,
        ctx.run.id,
        'articles',
        page.records.map((r) => ({ sourceId: r.id, payload: r })),
      );
    },
  });
}
