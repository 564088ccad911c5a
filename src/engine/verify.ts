// The verify stage (last before finalise, while the run's source records are still staged): every record
// the run migrated is read back from Intercom, under the workspace's shared rate budget, and compared with
// what the same mappers make of the staged source record (src/transform/verify-*.ts). It only reads:
// GETs, never a write. Results per page, with the page's checkpoint (src/engine/verify-results.ts).
import {
  articleSchema,
  companySchema,
  contactSchema,
  ticketSchema,
  type Article,
  type Company,
  type Contact,
  type Ticket,
} from '../model/canonical.js';
import { toArticle } from '../transform/to-article.js';
import { LINKS_REFUSED, rewriteKbLinks, urlMapResolver, withRewrittenLinks } from '../transform/kb-links.js';
import { urlMapRows } from '../db/repositories/kb-url-map.js';
import { toCompany } from '../transform/to-company.js';
import { toContact } from '../transform/to-contact.js';
import { sourceTags } from '../transform/tags.js';
import type { ReferenceData } from '../transform/reference.js';
import { compareArticle, compareCompany, compareContact } from '../transform/verify-records.js';
import { compareThread, expectedThread, type RowState } from '../transform/verify-thread.js';
import type { Verdict } from '../transform/verify-values.js';
import type { StageContext } from './context.js';
import { getRows, targetIds, type LedgerRow } from './ledger.js';
import { loadStaged, recordOutcome } from './load-staged.js';
import { AGENT_CONTACT_PREFIX, lookupsFor, readTicketPage, type TicketPage } from './load-tickets.js';
import { loadReference, toReferenceData } from './reference-data.js';
import { loadCommentLinks, type CommentLinks } from './comment-links.js';
import { getRun, saveCursor } from './run-state.js';
import type { StagedRecord } from './staging.js';
import {
  articleActual,
  companyActual,
  contactActual,
  conversationActual,
  ticketActual,
} from './verify-actual.js';
import {
  recordVerdicts,
  resetVerification,
  VERIFY_STARTED,
  verifyCursor,
  type RecordVerdict,
  type VerifiedEntity,
} from './verify-results.js';

const missing = (what: string, id: string): Verdict => ({
  outcome: 'mismatched',
  problems: [`The ${what} is missing in Intercom (id ${id}): it was deleted there, or never written.`],
});

interface Shared {
  ref: ReferenceData;
  /** Tag id → name (GET /tags), read once when a contact's tags need naming. */
  tagNames: Promise<Map<string, string>> | null;
  /** Source company id → Intercom company id, for the contacts' company links (filled per page). */
  companies: Map<string, string>;
  /** Collection ledger key → Intercom collection id, read once for the articles. */
  collections: Promise<Map<string, string>> | null;
  /** What the links pass made of the old help center's links (kb_url_map), read once for the articles. */
  kbLinks: Promise<(articleId: string, html: string) => string> | null;
  /** The comments' links as the tickets stage rewrote them (option rewriteCommentLinks), read once. */
  commentLinks: Promise<CommentLinks | null> | null;
}

/** Resolves true when every record was verified, false when the run was paused or cancelled first. */
export async function runVerifyStage(ctx: StageContext): Promise<boolean> {
  const run = await getRun(ctx.db, ctx.run.id);
  if (!run?.cursors[VERIFY_STARTED]) await resetVerification(ctx.db, ctx.run.id);
  // Written by the reference stage, which every run passes before it writes anything.
  const reference = await loadReference(ctx.db, ctx.migration.id);
  const shared: Shared = {
    ref: toReferenceData(ctx, reference),
    tagNames: null,
    companies: new Map(),
    collections: null,
    kbLinks: null,
    commentLinks: null,
  };
  return (
    (await verifyEntity(
      ctx,
      'companies',
      (p) => companySchema.parse(p),
      (r, rows) => verifyCompany(ctx, shared, r, rows),
    )) &&
    (await verifyEntity(
      ctx,
      'contacts',
      (p) => contactSchema.parse(p),
      (r, rows) => verifyContact(ctx, shared, r, rows),
      async (records) => {
        const ids = records.flatMap((r) => r.payload.companyIds);
        for (const [id, target] of await targetIds(ctx.db, ctx.migration.id, 'companies', ids))
          shared.companies.set(id, target);
      },
    )) &&
    (await verifyTickets(ctx, shared)) &&
    (await verifyEntity(
      ctx,
      'articles',
      (p) => articleSchema.parse(p),
      (r, rows) => verifyArticle(ctx, shared, r, rows),
    ))
  );
}

type Verify<T> = (record: StagedRecord<T>, row: LedgerRow & { target_id: string }) => Promise<Verdict>;

function migratedRow(row: LedgerRow | undefined): (LedgerRow & { target_id: string }) | null {
  return row?.status === 'migrated' && row.target_id ? (row as LedgerRow & { target_id: string }) : null;
}

async function verifyEntity<T>(
  ctx: StageContext,
  entity: VerifiedEntity,
  parse: (p: unknown) => T,
  verify: Verify<T>,
  prepare?: (records: StagedRecord<T>[]) => Promise<void>,
): Promise<boolean> {
  const rows = new Map<string, LedgerRow>();
  const verdicts = new Map<string, RecordVerdict>();
  return loadStaged<T>(ctx, {
    entity,
    parse,
    checkpointKey: verifyCursor(entity),
    maxInFlight: ctx.deps.recordConcurrency,
    preparePage: async (records) => {
      const found = await getRows(
        ctx.db,
        ctx.migration.id,
        entity,
        records.map((r) => r.sourceId),
      );
      for (const [id, row] of found) rows.set(id, row);
      await prepare?.(records);
    },
    process: async (record) => {
      const row = migratedRow(rows.get(record.sourceId));
      rows.delete(record.sourceId);
      // Only what the run migrated is verified: failed and skipped records carry their reason already.
      if (!row) return;
      const verdict = await verify(record, row).catch((error: unknown): Verdict => {
        // Intercom refused the read (a 4xx of the record's own): the record stays migrated, and this run
        // cannot vouch for it. Never a failed row: verification changes no outcome.
        const refused = recordOutcome(error);
        if (!refused) throw error;
        return { outcome: 'unverifiable', reason: `Intercom refused the read-back: ${refused.reason}` };
      });
      verdicts.set(record.sourceId, { entity, sourceId: record.sourceId, targetId: row.target_id, verdict });
    },
    finishPage: async (records) => {
      const page = records.flatMap((r) => {
        const v = verdicts.get(r.sourceId);
        verdicts.delete(r.sourceId);
        return v ? [v] : [];
      });
      // The page's verdicts and its checkpoint in one transaction: a resumed stage never counts a page twice.
      await ctx.db.transaction(async (trx) => {
        await recordVerdicts(trx, ctx.run.id, page);
        await saveCursor(trx, ctx.run.id, verifyCursor(entity), records[records.length - 1]!.seq);
      });
    },
  });
}

async function verifyCompany(
  ctx: StageContext,
  shared: Shared,
  { payload }: StagedRecord<Company>,
  row: LedgerRow & { target_id: string },
): Promise<Verdict> {
  const found = await ctx.intercom.readBack.company(row.target_id);
  if (!found) return missing('company', row.target_id);
  return compareCompany(toCompany(payload, shared.ref).body, companyActual(found));
}

async function verifyContact(
  ctx: StageContext,
  shared: Shared,
  { payload }: StagedRecord<Contact>,
  row: LedgerRow & { target_id: string },
): Promise<Verdict> {
  const found = await ctx.intercom.readBack.contact(row.target_id);
  if (!found) return missing('contact', row.target_id);
  const companyIds = payload.companyIds.flatMap((id) => shared.companies.get(id) ?? []);
  const tags = await (shared.tagNames ??= ctx.intercom
    .listTags()
    .then((list) => new Map(list.map((t) => [t.id, t.name])))
    .catch((error: unknown) => {
      shared.tagNames = null; // a refused read is asked again for the next contact
      throw error;
    }));
  // The tags the contacts stage wrote: the source's, less those Intercom refused (a loss on the row already).
  const written = sourceTags(payload.tags).filter(
    (name) => !row.reason?.includes(`tag "${name}" not applied`),
  );
  return compareContact(
    {
      body: toContact(payload, shared.ref).body,
      companyIds,
      tags: written,
      shared: row.reason?.startsWith('shares its e-mail') ?? false,
    },
    contactActual(found, tags),
  );
}

async function verifyArticle(
  ctx: StageContext,
  shared: Shared,
  { payload }: StagedRecord<Article>,
  row: LedgerRow & { target_id: string },
): Promise<Verdict> {
  const found = await ctx.intercom.readBack.article(row.target_id);
  if (!found) return missing('article', row.target_id);
  const collections = await (shared.collections ??= ctx
    .db('ledger')
    .where({ migration_id: ctx.migration.id, entity: 'collections', status: 'migrated' })
    .whereNotNull('target_id')
    .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id')
    .then((rows) => new Map(rows.map((r) => [r.source_id, r.target_id]))));
  const collection = payload.sectionId ? (collections.get(`section:${payload.sectionId}`) ?? null) : null;
  // Only the number of images is compared (their stored links are signed anew at each write), so any URL
  // stands for an image the loader carried.
  const imageUrl = (src: string) => {
    const file = payload.attachments.find((a) => a.url === src || a.inlineRef === src);
    return file ? file.url : null;
  };
  const body = toArticle(payload, shared.ref, collection, imageUrl).body;
  const rewrite = await (shared.kbLinks ??= kbLinkRewriter(ctx));
  const expected = withRewrittenLinks(body, (html) => rewrite(payload.id, html));
  return compareArticle(expected, articleActual(found));
}

/** The old help center's links as the links pass rewrote them (src/engine/kb-links.ts). */
async function kbLinkRewriter(ctx: StageContext): Promise<(articleId: string, html: string) => string> {
  const { hosts, resolve } = urlMapResolver(await urlMapRows(ctx.db, ctx.migration.id));
  // An article whose rewrite Intercom refused keeps its old links (a loss on its line, not a mismatch).
  const refused = new Set(
    await ctx
      .db('ledger')
      .where({ migration_id: ctx.migration.id, entity: 'articles' })
      .whereLike('reason', `%${LINKS_REFUSED}%`)
      .pluck<string[]>('source_id'),
  );
  return (articleId, html) =>
    refused.has(articleId) ? html : rewriteKbLinks(html, ctx.platform, hosts, resolve).html;
}

/** Tickets: a page's comments, people and ledger rows read at once, as the loader reads them. */
async function verifyTickets(ctx: StageContext, shared: Shared): Promise<boolean> {
  const pages = new Map<string, { page: TicketPage; children: Map<string, Map<string, RowState>> }>();
  return verifyEntity<Ticket>(
    ctx,
    'tickets',
    (p) => ticketSchema.parse(p),
    async ({ payload: ticket }, row) => {
      const entry = pages.get(ticket.id)!;
      pages.delete(ticket.id);
      const { page } = entry;
      const requesterContactId = ticket.requesterId
        ? (page.contacts.get(ticket.requesterId) ??
          page.contacts.get(AGENT_CONTACT_PREFIX + ticket.requesterId) ??
          null)
        : null;
      const target = ctx.settings.target === 'conversations' ? 'conversations' : 'tickets';
      const source = page.comments.get(ticket.id) ?? [];
      const rewrite = await (shared.commentLinks ??= loadCommentLinks(ctx));
      const linked = rewrite?.(source) ?? { comments: source, written: new Map<string, string[]>() };
      const found =
        target === 'conversations'
          ? await ctx.intercom.readBack.conversation(row.target_id)
          : await ctx.intercom.readBack.ticket(row.target_id);
      if (!found) return missing(target === 'tickets' ? 'ticket' : 'conversation', row.target_id);
      const actual =
        target === 'conversations'
          ? conversationActual(found as Parameters<typeof conversationActual>[0])
          : ticketActual(found as Parameters<typeof ticketActual>[0]);
      const expected = expectedThread({
        target,
        ticket,
        // What the tickets stage wrote: the comments with their help-center links rewritten.
        comments: linked.comments,
        rewrittenLinks: linked.written,
        requester: ticket.requesterId ? (page.requesters.get(ticket.requesterId) ?? null) : null,
        ref: shared.ref,
        lookups: lookupsFor(page, shared.ref),
        requesterContactId: requesterContactId ?? '',
        companyId: ticket.companyId ? (page.companies.get(ticket.companyId) ?? null) : null,
        partRows: entry.children.get(`parts:${ticket.id}`) ?? new Map(),
        attachmentRows: entry.children.get(`attachments:${ticket.id}`) ?? new Map(),
      });
      return compareThread(expected, actual);
    },
    async (records) => {
      const tickets = records.map((r) => r.payload);
      const page = await readTicketPage(ctx, tickets, new Map());
      const children = await childRows(
        ctx,
        tickets.map((t) => t.id),
      );
      for (const t of tickets) pages.set(t.id, { page, children });
    },
  );
}

/** The ledger rows of the tickets' parts and attachments, keyed "parts:<ticket>" / "attachments:<ticket>". */
async function childRows(
  ctx: StageContext,
  ticketIds: string[],
): Promise<Map<string, Map<string, RowState>>> {
  const rows = await ctx
    .db('ledger')
    .where({ migration_id: ctx.migration.id })
    .whereIn('entity', ['parts', 'attachments'])
    .whereIn('parent_source_id', ticketIds)
    .select<
      {
        entity: string;
        parent_source_id: string;
        source_id: string;
        status: string;
        target_id: string | null;
        source_hash: string | null;
      }[]
    >('entity', 'parent_source_id', 'source_id', 'status', 'target_id', 'source_hash');
  const out = new Map<string, Map<string, RowState>>();
  for (const r of rows) {
    const key = `${r.entity}:${r.parent_source_id}`;
    const m = out.get(key) ?? new Map<string, RowState>();
    m.set(r.source_id, { status: r.status, target_id: r.target_id, source_hash: r.source_hash });
    out.set(key, m);
  }
  return out;
}
