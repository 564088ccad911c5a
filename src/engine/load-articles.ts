// Articles stage: categories and sections → nested help-center collections (parents first), then articles
// with their HTML body, mapped author, state and translations. Body images that are source attachments are
// fetched and stored before the write, and served to Intercom through signed links.
import { articleSchema, categorySchema, sectionSchema, type Article } from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import { planCollections, toArticle, toCollectionCreate } from '../transform/to-article.js';
import type { StageContext } from './context.js';
import { getRows, touch, type LedgerRow } from './ledger.js';
import { loadStaged } from './load-staged.js';
import { loadReference, toReferenceData } from './reference-data.js';
import { readStagedPage } from './staging.js';
import { writeOnce } from './write-once.js';
import { planAttachments } from '../transform/attachments.js';
import { attachmentLosses, resolveAttachments } from './attachment-resolver.js';
import { resolverDeps } from './parts-writer.js';
import { runKbLinksPass } from './kb-links.js';

async function allStaged<T>(ctx: StageContext, entity: string, parse: (p: unknown) => T): Promise<T[]> {
  return (await readStagedPage(ctx.db, ctx.run.id, entity, 0, 100_000, parse)).map((r) => r.payload);
}

async function loadCollections(ctx: StageContext): Promise<Map<string, string>> {
  const categories = await allStaged(ctx, 'categories', (p) => categorySchema.parse(p));
  const sections = await allStaged(ctx, 'sections', (p) => sectionSchema.parse(p));
  const nodes = planCollections(categories, sections);
  const rows = await getRows(
    ctx.db,
    ctx.migration.id,
    'collections',
    nodes.map((n) => n.key),
  );
  const ids = new Map<string, string>();
  const claimed = claimedTargets(rows);
  for (const node of nodes) {
    const parentId = node.parentKey ? (ids.get(node.parentKey) ?? null) : null;
    const outcome = await writeOnce(ctx.write, {
      key: { migrationId: ctx.migration.id, entity: 'collections', sourceId: node.key },
      existing: rows.get(node.key) ?? null,
      // Intercom may have created it before an answer was lost: the newest unclaimed one of that name there.
      reconcile: async () => {
        const name = toCollectionCreate(node, parentId).name;
        const found = (await ctx.intercom.listCollections()).filter(
          (c) =>
            c.name === name && String(c.parent_id ?? '') === String(parentId ?? '') && !claimed.has(c.id),
        );
        return found[found.length - 1]?.id ?? null;
      },
      write: async () => {
        const { parent_id: parent, ...body } = toCollectionCreate(node, parentId);
        return (await ctx.intercom.createCollection({ ...body, ...(parent ? { parent_id: parent } : {}) }))
          .id;
      },
    });
    if (outcome.status === 'migrated') {
      ids.set(node.key, outcome.targetId);
      claimed.add(outcome.targetId);
    }
  }
  return ids;
}

function claimedTargets(rows: Map<string, LedgerRow>): Set<string> {
  return new Set(
    [...rows.values()].flatMap((r) => (r.status === 'migrated' && r.target_id ? [r.target_id] : [])),
  );
}

/** The article Intercom created for this body when the answer was lost: same title and parent, unclaimed. */
async function findArticle(
  ctx: StageContext,
  title: string,
  parentId: string | null,
  claimed: ReadonlySet<string>,
): Promise<string | null> {
  const found = (await ctx.intercom.listArticles()).filter(
    (a) =>
      a.title === title &&
      (parentId === null
        ? !a.parent_id && (a.parent_ids ?? []).length === 0
        : String(a.parent_id ?? '') === parentId || (a.parent_ids ?? []).includes(parentId)) &&
      !claimed.has(a.id),
  );
  return found[found.length - 1]?.id ?? null;
}

/**
 * The article's body images that are source attachments, fetched and stored before the write (as parts'
 * files are), each behind a signed link; one the source would not give is a loss with its reason.
 */
async function storeBodyImages(
  ctx: StageContext,
  article: Article,
): Promise<{ links: Map<string, string>; losses: string[] }> {
  const bodies = [article.html, ...article.translations.map((t) => t.html)].join('\n');
  const used = article.attachments.filter(
    (a) => bodies.includes(a.url) || (a.inlineRef !== null && bodies.includes(a.inlineRef)),
  );
  const { chunks, skipped } = planAttachments(used, [], ctx.settings);
  const resolved = await resolveAttachments(resolverDeps(ctx), 'urls', chunks.flat());
  const links = new Map<string, string>();
  chunks.flat().forEach((p, i) => {
    const r = resolved[i];
    if (r?.kind === 'url') links.set(p.attachmentId, r.url);
  });
  return { links, losses: [...skipped.map((s) => s.reason), attachmentLosses(resolved)].filter(Boolean) };
}

export async function runArticlesStage(ctx: StageContext): Promise<boolean> {
  if (!ctx.settings.entities.includes('articles') || ctx.run.kind === 'demo') return true;
  const ref = toReferenceData(ctx, await loadReference(ctx.db, ctx.migration.id));
  const collections = await loadCollections(ctx);
  const rows = new Map<string, LedgerRow>();
  const unchanged: string[] = [];
  const finished = await loadStaged<Article>(ctx, {
    entity: 'articles',
    parse: (p) => articleSchema.parse(p),
    maxInFlight: ctx.deps.recordConcurrency,
    preparePage: async (records) => {
      // Merged, not replaced: the next page is prepared while this one's records still wait for a slot.
      for (const [id, row] of await getRows(
        ctx.db,
        ctx.migration.id,
        'articles',
        records.map((r) => r.sourceId),
      ))
        rows.set(id, row);
    },
    process: async ({ sourceId, payload: article }) => {
      const parent = article.sectionId ? (collections.get(`section:${article.sectionId}`) ?? null) : null;
      const hash = contentHash({ article, parent });
      const existing = rows.get(sourceId) ?? null;
      rows.delete(sourceId);
      if (existing?.status === 'migrated' && existing.source_hash === hash) {
        unchanged.push(sourceId);
        return;
      }
      const images = await storeBodyImages(ctx, article);
      const imageUrl = (src: string) => {
        const file = article.attachments.find((a) => a.url === src || a.inlineRef === src);
        return file ? (images.links.get(file.id) ?? null) : null;
      };
      const mapped = toArticle(article, ref, parent, imageUrl);
      mapped.notes.push(...images.losses);
      const previous = existing?.status === 'migrated' ? existing.target_id : null;
      await writeOnce(ctx.write, {
        key: { migrationId: ctx.migration.id, entity: 'articles', sourceId },
        existing: previous ? null : existing,
        hash,
        note: mapped.notes.join('; ') || null,
        reconcile: async () => {
          const migrated = await ctx
            .db('ledger')
            .where({ migration_id: ctx.migration.id, entity: 'articles', status: 'migrated' })
            .whereNotNull('target_id')
            .pluck<string[]>('target_id');
          return findArticle(ctx, mapped.body.title, parent, new Set(migrated));
        },
        write: async () => {
          if (previous) {
            const { parent_id: parentId, ...rest } = mapped.body;
            const updated = await ctx.intercom.updateArticle(previous, {
              ...rest,
              ...(parentId ? { parent_id: String(parentId) } : {}),
            });
            return { id: updated.id, created: false };
          }
          return (await ctx.intercom.createArticle(mapped.body)).id;
        },
      });
    },
    finishPage: async () => {
      await touch(ctx.db, ctx.migration.id, 'articles', unchanged.splice(0), ctx.run.id);
    },
  });
  // Links between articles and the old addresses' redirects need every article and collection in place.
  if (finished) await runKbLinksPass(ctx);
  return finished && !ctx.shouldStop();
}
