// Help center: categories and sections (folders) → nested collections (create_collection_request parent_id),
// articles → create_article_request with an HTML body, the mapped author (an integer admin id), published or
// draft, and every translation in translated_content (setting `translations`), keyed by Intercom's locales.
import type { Article, Category, Section } from '../model/canonical.js';
import type { ArticleContentBody, ArticleCreateBody, CollectionCreateBody } from './intercom-bodies.js';
import type { ReferenceData } from './reference.js';
import type { Mapped } from './to-contact.js';
import { resolveAgent } from './author.js';
import { sanitizeArticleHtml } from './html.js';

/** The locale keys of 2.16 article_translated_content. */
export const INTERCOM_LOCALES = [
  'ar',
  'bg',
  'bs',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'he',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'mn',
  'nb',
  'nl',
  'pl',
  'pt',
  'ro',
  'ru',
  'sl',
  'sr',
  'sv',
  'tr',
  'vi',
  'pt-BR',
  'zh-CN',
  'zh-TW',
] as const;

const ALIASES: Record<string, string> = {
  no: 'nb',
  nn: 'nb',
  iw: 'he',
  'zh-hans': 'zh-CN',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
};

/** A source locale ("en-us", "pt_BR", "de") → Intercom's locale key, or null when Intercom has none. */
export function intercomLocale(source: string): string | null {
  const wanted = source.trim().replace('_', '-').toLowerCase();
  const exact = INTERCOM_LOCALES.find((l) => l.toLowerCase() === wanted) ?? ALIASES[wanted];
  if (exact) return exact;
  const language = wanted.split('-')[0] ?? '';
  return INTERCOM_LOCALES.find((l) => l === language) ?? ALIASES[language] ?? null;
}

/** One collection to create, in an order where parents come first. */
export interface CollectionNode {
  /** Ledger key: "category:<id>" or "section:<id>". */
  key: string;
  parentKey: string | null;
  name: string;
  description: string | null;
}

/** Categories, then sections under their parent section or category; sections whose parent is missing go top-level. */
export function planCollections(
  categories: readonly Category[],
  sections: readonly Section[],
): CollectionNode[] {
  const byPosition = <T extends { position: number | null }>(a: T, b: T) =>
    (a.position ?? 0) - (b.position ?? 0);
  const nodes: CollectionNode[] = [...categories].sort(byPosition).map((c) => ({
    key: `category:${c.id}`,
    parentKey: null,
    name: c.name,
    description: c.description,
  }));
  const placed = new Set(nodes.map((n) => n.key));
  const sectionIds = new Set(sections.map((s) => s.id));
  const parentOf = (s: Section): string | null => {
    if (s.parentSectionId !== null && sectionIds.has(s.parentSectionId) && s.parentSectionId !== s.id)
      return `section:${s.parentSectionId}`;
    return placed.has(`category:${s.categoryId}`) ? `category:${s.categoryId}` : null;
  };
  let pending = [...sections].sort(byPosition);
  while (pending.length > 0) {
    const ready = pending.filter((s) => {
      const p = parentOf(s);
      return p === null || placed.has(p);
    });
    // A cycle among sections: place the rest under their category so nothing is lost.
    const batch = ready.length > 0 ? ready : pending;
    for (const s of batch) {
      const p =
        ready.length > 0
          ? parentOf(s)
          : placed.has(`category:${s.categoryId}`)
            ? `category:${s.categoryId}`
            : null;
      nodes.push({ key: `section:${s.id}`, parentKey: p, name: s.name, description: s.description });
      placed.add(`section:${s.id}`);
    }
    pending = pending.filter((s) => !batch.includes(s));
  }
  return nodes;
}

/** POST /help_center/collections body; `parentId` is the Intercom id of the parent collection. */
export function toCollectionCreate(node: CollectionNode, parentId: string | null): CollectionCreateBody {
  return {
    name: node.name.trim() || 'Untitled',
    ...(node.description?.trim() ? { description: node.description.trim() } : {}),
    ...(parentId ? { parent_id: parentId } : {}),
  };
}

type ArticleRef = Pick<ReferenceData, 'agents' | 'admins' | 'fallbackAdminId' | 'settings'>;

/** Articles take an integer author_id; an author without a teammate writes as the fallback teammate. */
function authorId(sourceAuthorId: string | null, ref: ArticleRef): number {
  const r = resolveAgent(sourceAuthorId, ref);
  return Number(r.kind === 'admin' ? r.adminId : ref.fallbackAdminId);
}

/**
 * Files of an article other than the images in its body (a PDF price list). Intercom 2.16 articles have no
 * attachment field and no upload endpoint (create_article_request: title, description, body, …); Intercom
 * copies only the images the body shows. A link in the body would need a file host that outlives the
 * migration: Ferry's links expire and its store is swept after the run, and the old help center's links die
 * with it. So each such file is a reported loss on the article's line, with what the admin can do.
 */
export function articleAttachmentLosses(article: Pick<Article, 'attachments'>): string[] {
  return article.attachments
    .filter((a) => !(a.inline && a.contentType.startsWith('image/')))
    .map(
      (a) =>
        `attachment "${a.fileName}" not carried: Intercom articles take no files besides the images in their body; upload it in Intercom's article editor`,
    );
}

/**
 * `parentId`: the Intercom collection the article's section became (null: stands alone). `imageUrl`: where
 * Intercom should upload each body image from (see sanitizeArticleHtml).
 */
export function toArticle(
  article: Article,
  ref: ArticleRef,
  parentId: string | null,
  imageUrl: (src: string) => string | null,
): Mapped<ArticleCreateBody> {
  const notes: string[] = articleAttachmentLosses(article);
  const mainLocale = intercomLocale(article.locale);
  const translated: Record<string, ArticleContentBody> = {};
  if (ref.settings.options.translations) {
    for (const t of article.translations) {
      const locale = intercomLocale(t.locale);
      if (locale === null) {
        notes.push(`translation ${t.locale} skipped: Intercom has no such locale`);
        continue;
      }
      if (locale === mainLocale || locale in translated) continue;
      translated[locale] = {
        title: t.title,
        body: sanitizeArticleHtml(t.html, imageUrl),
        author_id: authorId(t.authorId ?? article.authorId, ref),
        state: t.state,
      };
    }
  }
  const body: ArticleCreateBody = {
    title: article.title,
    body: sanitizeArticleHtml(article.html, imageUrl),
    author_id: authorId(article.authorId, ref),
    state: article.state,
    ...(parentId ? { parent_id: Number(parentId), parent_type: 'collection' as const } : {}),
    ...(Object.keys(translated).length > 0 ? { translated_content: translated } : {}),
  };
  return { body, notes };
}
