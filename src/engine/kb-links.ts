// The articles stage's last pass (issue 15 §3), once every article and collection exists: links inside the
// migrated articles that point into the old help center are rewritten to the Intercom addresses (PUT
// /articles/{id}); a link whose target was not migrated stays and is a loss on the article's line. The
// old-URL → new-URL map is kept (kb_url_map, url-map.csv), and when the admin says the old address now
// points to Intercom's help center (options.helpCenterRedirects), a redirect is created for every old
// address, after listing the existing ones. Reruns: an article's links are written again only when the
// article or a link's target changed (ledger entity "article_links", hashed); a redirect only once.
import type { Article, Category, Section } from '../model/canonical.js';
import { articleSchema, categorySchema, sectionSchema } from '../model/canonical.js';
import { contentHash } from '../transform/content-hash.js';
import {
  hostOf,
  isKeptLinkNote,
  keptLinkNote,
  LINKS_REFUSED,
  oldKbUrls,
  rewriteKbLinks,
  type KbEntity,
  type KbResolution,
  type OldKbRef,
} from '../transform/kb-links.js';
import { intercomLocale } from '../transform/to-article.js';
import type * as s from '../intercom/schemas.js';
import { ConfigurationError, RecordError } from '../errors.js';
import { setRedirectId, upsertUrlMap, urlMapRows, type UrlMapRow } from '../db/repositories/kb-url-map.js';
import type { StageContext } from './context.js';
import { getRows, markResult, type LedgerRow } from './ledger.js';
import { readStagedPage } from './staging.js';

interface HelpCenterContent {
  categories: Category[];
  sections: Section[];
  articles: Article[];
  articleRows: Map<string, LedgerRow>;
  collectionRows: Map<string, LedgerRow>;
  intercomArticles: Map<string, s.Article>;
  intercomCollections: Map<string, s.Collection>;
}

const migratedTarget = (row: LedgerRow | undefined): string | null =>
  row?.status === 'migrated' ? row.target_id : null;

/** The Intercom address of an article in a locale (its translation's url, else the default one). */
function articleUrl(a: s.Article, locale: string | null): string | null {
  const key = locale ? intercomLocale(locale) : null;
  const content = key ? a.translated_content?.[key] : null;
  return (content && typeof content === 'object' ? content.url : null) ?? a.url ?? null;
}

/** Where an old link leads now: the Intercom object's address, or why the link stays. */
function resolverOf(c: HelpCenterContent): (ref: OldKbRef) => KbResolution {
  return (ref) => {
    const target =
      ref.kind === 'article'
        ? migratedTarget(c.articleRows.get(ref.id))
        : migratedTarget(c.collectionRows.get(`${ref.kind}:${ref.id}`));
    if (!target) return { reason: 'not migrated' };
    const url =
      ref.kind === 'article'
        ? (() => {
            const a = c.intercomArticles.get(target);
            return a ? articleUrl(a, ref.locale) : null;
          })()
        : (c.intercomCollections.get(target)?.url ?? null);
    return url ? { url } : { reason: `Intercom gives no address for ${ref.kind} ${target}` };
  };
}

async function allStaged<T>(ctx: StageContext, entity: string, parse: (p: unknown) => T): Promise<T[]> {
  return (await readStagedPage(ctx.db, ctx.run.id, entity, 0, 100_000, parse)).map((r) => r.payload);
}

async function loadContent(ctx: StageContext): Promise<HelpCenterContent> {
  const categories = await allStaged(ctx, 'categories', (p) => categorySchema.parse(p));
  const sections = await allStaged(ctx, 'sections', (p) => sectionSchema.parse(p));
  const articles = await allStaged(ctx, 'articles', (p) => articleSchema.parse(p));
  // Every migrated object of the migration, not only this run's: a delta's article links to older ones.
  const rowsOf = async (entity: string): Promise<Map<string, LedgerRow>> => {
    const rows = await ctx
      .db('ledger')
      .where({ migration_id: ctx.migration.id, entity })
      .select<LedgerRow[]>(
        'entity',
        'source_id',
        'target_id',
        'status',
        'reason',
        'source_hash',
        'parent_source_id',
        'position',
        'last_run_id',
      );
    return new Map(rows.map((r) => [r.source_id, r]));
  };
  const [articleRows, collectionRows, intercomArticles, intercomCollections] = await Promise.all([
    rowsOf('articles'),
    rowsOf('collections'),
    ctx.intercom.listArticles(),
    ctx.intercom.listCollections(),
  ]);
  return {
    categories,
    sections,
    articles,
    articleRows,
    collectionRows,
    intercomArticles: new Map(intercomArticles.map((a) => [a.id, a])),
    intercomCollections: new Map(intercomCollections.map((x) => [x.id, x])),
  };
}

/** The hosts the old help center answered on: its articles' own addresses and the redirected address. */
function oldHostsOf(ctx: StageContext, articles: readonly Article[]): Set<string> {
  const hosts = articles.flatMap((a) => (a.url ? [hostOf(a.url)] : []));
  const redirected = ctx.settings.options.helpCenterRedirects;
  return new Set([...hosts, redirected ? hostOf(redirected) : null].filter((h): h is string => !!h));
}

/** The article's notes with the link losses of this pass in place of the previous pass's. */
function withLinkNotes(reason: string | null, notes: readonly string[]): string | null {
  const kept = (reason ?? '').split('; ').filter((n) => n && !isKeptLinkNote(n));
  return [...kept, ...notes].join('; ') || null;
}

async function rewriteArticle(
  ctx: StageContext,
  c: HelpCenterContent,
  article: Article,
  oldHosts: ReadonlySet<string>,
  linkRows: Map<string, LedgerRow>,
): Promise<void> {
  const row = c.articleRows.get(article.id);
  const targetId = migratedTarget(row);
  const current = targetId ? c.intercomArticles.get(targetId) : undefined;
  if (!row || !targetId || !current) return;
  const resolve = resolverOf(c);
  // What the links of the source depend on: the article as written and where each link leads now.
  const sourceHtml = [article.html, ...article.translations.map((t) => t.html)].join('\n');
  const targets: Array<[string, KbResolution]> = [];
  rewriteKbLinks(sourceHtml, ctx.platform, oldHosts, (ref) => {
    const r = resolve(ref);
    targets.push([`${ref.kind}:${ref.id}:${ref.locale ?? ''}`, r]);
    return r;
  });
  if (targets.length === 0) return;
  const hash = contentHash({ article: row.source_hash, targets });
  const key = { migrationId: ctx.migration.id, entity: 'article_links', sourceId: article.id };
  const done = linkRows.get(article.id);
  if (done?.status === 'migrated' && done.source_hash === hash && done.target_id === targetId) return;

  const main = rewriteKbLinks(current.body ?? '', ctx.platform, oldHosts, resolve);
  const kept = [...main.kept];
  const translated: Record<string, unknown> = {};
  let changed = main.rewritten > 0;
  for (const [locale, content] of Object.entries(current.translated_content ?? {})) {
    if (!content || typeof content !== 'object') continue;
    const r = rewriteKbLinks(content.body ?? '', ctx.platform, oldHosts, resolve);
    kept.push(...r.kept);
    changed ||= r.rewritten > 0;
    const { title, author_id: authorId, state } = content;
    translated[locale] = {
      ...(title ? { title } : {}),
      ...(authorId != null ? { author_id: authorId } : {}),
      ...(state === 'published' || state === 'draft' ? { state } : {}),
      body: r.html,
    };
  }
  const notes = [...new Set(kept.map(keptLinkNote))];
  try {
    if (changed)
      await ctx.intercom.updateArticle(targetId, {
        body: main.html,
        ...(Object.keys(translated).length > 0 ? { translated_content: translated } : {}),
      });
    await markResult(ctx.db, key, ctx.run.id, { status: 'migrated', targetId, hash });
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    // No article_links row: the next run tries again. The loss is on the article's line meanwhile.
    notes.push(`${LINKS_REFUSED}${error.message}`);
  }
  const reason = withLinkNotes(row.reason, notes);
  if (reason !== row.reason)
    await ctx
      .db('ledger')
      .where({ migration_id: ctx.migration.id, entity: 'articles', source_id: article.id })
      .update({ reason, last_run_id: ctx.run.id, updated_at: ctx.db.fn.now() });
}

/** Every old address of the help center and what it became (the redirects' and url-map.csv's rows). */
function urlMap(
  ctx: StageContext,
  c: HelpCenterContent,
  origin: string,
): Array<Omit<UrlMapRow, 'redirect_id'>> {
  const resolve = resolverOf(c);
  const articleLocales = (a: Article) => [a.locale, ...a.translations.map((t) => t.locale)];
  const allLocales = [...new Set(c.articles.flatMap(articleLocales))];
  const rows: Array<Omit<UrlMapRow, 'redirect_id'>> = [];
  const add = (kind: KbEntity, entity: string, id: string, locales: string[], ownUrl: string | null) => {
    const target =
      kind === 'article'
        ? migratedTarget(c.articleRows.get(id))
        : migratedTarget(c.collectionRows.get(`${kind}:${id}`));
    for (const u of oldKbUrls(ctx.platform, origin, kind, id, locales, ownUrl)) {
      const r = resolve({ kind, id, locale: u.locale });
      rows.push({
        old_url: u.oldUrl,
        locale: u.locale,
        entity,
        source_id: id,
        target_id: target,
        new_url: 'url' in r ? r.url : null,
      });
    }
  };
  const withOwn = (own: string, locales: string[]) => [...new Set([own, ...locales])];
  for (const x of c.categories) add('category', 'categories', x.id, withOwn(x.locale, allLocales), null);
  for (const x of c.sections) add('section', 'sections', x.id, withOwn(x.locale, allLocales), null);
  for (const a of c.articles) add('article', 'articles', a.id, [...new Set(articleLocales(a))], a.url);
  return rows;
}

/** The help center whose address (its custom domain's) is the old help center's host. */
async function redirectingHelpCenter(ctx: StageContext, oldBase: string): Promise<string> {
  const host = hostOf(oldBase);
  const centers = await ctx.intercom.listHelpCenters();
  const found = centers.find(
    (h) => (h.url && hostOf(h.url) === host) || h.custom_domain?.toLowerCase() === host,
  );
  if (!found)
    throw new ConfigurationError(
      `No Intercom help center answers on ${host ?? oldBase}: set it as the help center's custom domain in ` +
        `Intercom (Settings > Help Center > Domains), or clear the redirects option`,
      'intercom',
    );
  return found.id;
}

async function createRedirects(ctx: StageContext, oldBase: string): Promise<void> {
  const helpCenterId = await redirectingHelpCenter(ctx, oldBase);
  const wanted = (await urlMapRows(ctx.db, ctx.migration.id)).filter(
    (r) => r.target_id && r.old_url.startsWith(oldBase.replace(/\/+$/, '')),
  );
  // Listed first: a redirect made by an earlier run (or before a lost answer) is found, not made twice.
  let existing = new Map((await ctx.intercom.listRedirects(helpCenterId)).map((r) => [r.from_url, r]));
  for (const row of wanted) {
    if (ctx.shouldStop()) return;
    let redirect = existing.get(row.old_url) ?? null;
    if (!redirect) {
      try {
        redirect = await ctx.intercom.createRedirect(helpCenterId, {
          from_url: row.old_url,
          locale: intercomLocale(row.locale) ?? 'en',
          target_type: row.entity === 'articles' ? 'article' : 'collection',
          target_id: row.target_id!,
        });
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        await setRedirectNote(ctx, row, error.message);
        continue;
      }
      if (redirect) await setRedirectNote(ctx, row, null);
      if (!redirect) {
        existing = new Map((await ctx.intercom.listRedirects(helpCenterId)).map((r) => [r.from_url, r]));
        redirect = existing.get(row.old_url) ?? null;
      }
    }
    if (redirect && redirect.id !== row.redirect_id)
      await setRedirectId(ctx.db, ctx.migration.id, row.old_url, redirect.id);
  }
}

/**
 * A redirect Intercom refused is a loss on the article's line (a section's or category's goes on its
 * collection's ledger row and the log: collections have no line of their own in the reports); `message`
 * null takes the loss back once the redirect exists.
 */
async function setRedirectNote(ctx: StageContext, row: UrlMapRow, message: string | null): Promise<void> {
  const prefix = `redirect from ${row.old_url} not created: `;
  const sourceId =
    row.entity === 'articles'
      ? row.source_id
      : `${row.entity === 'sections' ? 'section' : 'category'}:${row.source_id}`;
  const where = {
    migration_id: ctx.migration.id,
    entity: row.entity === 'articles' ? 'articles' : 'collections',
    source_id: sourceId,
  };
  if (message) ctx.logger.warn({ oldUrl: row.old_url, err: message }, 'help-center redirect refused');
  const current = await ctx.db('ledger').where(where).first<{ reason: string | null } | undefined>('reason');
  if (!current) return;
  const kept = (current.reason ?? '').split('; ').filter((n) => n && !n.startsWith(prefix));
  const reason = [...kept, ...(message ? [prefix + message] : [])].join('; ') || null;
  if (reason !== current.reason)
    await ctx
      .db('ledger')
      .where(where)
      .update({ reason, last_run_id: ctx.run.id, updated_at: ctx.db.fn.now() });
}

/** The pass itself: links, then the map, then the redirects (when asked for). */
export async function runKbLinksPass(ctx: StageContext): Promise<void> {
  const content = await loadContent(ctx);
  if (content.articles.length + content.sections.length + content.categories.length === 0) return;
  const oldHosts = oldHostsOf(ctx, content.articles);
  const linkRows = await getRows(
    ctx.db,
    ctx.migration.id,
    'article_links',
    content.articles.map((a) => a.id),
  );
  for (const article of content.articles) {
    if (ctx.shouldStop()) return;
    await rewriteArticle(ctx, content, article, oldHosts, linkRows);
  }
  const redirected = ctx.settings.options.helpCenterRedirects;
  const sourceOrigin = content.articles.map((a) => a.url && originOf(a.url)).find(Boolean) ?? null;
  // The map lists the old addresses on the source's own host and on the redirected one.
  const origins = new Set([sourceOrigin, redirected ? originOf(redirected) : null].filter((o) => !!o));
  for (const origin of origins)
    if (origin) await upsertUrlMap(ctx.db, ctx.migration.id, ctx.run.id, urlMap(ctx, content, origin));
  if (redirected) await createRedirects(ctx, redirected);
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`.replace(/\/(hc|support)\/.*$/, '');
  } catch {
    return null;
  }
}
