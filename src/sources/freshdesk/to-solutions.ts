// Raw solution categories, folders and articles (with their translations) → canonical records (pure).
import type { Article, Category, Section, Translation } from '../../model/canonical.js';
import type { RecordReadError } from '../connector.js';
import type { RawArticle, RawCategory, RawFolder } from './raw-schemas.js';
import { toAttachments } from './to-comment.js';
import { ARTICLE_PUBLISHED } from './vocabulary.js';
import { toUtc } from './utc.js';

export function toCategory(raw: RawCategory, locale: string): Category {
  return {
    id: raw.id,
    name: raw.name,
    description: raw.description ?? null,
    locale,
    position: raw.position ?? null,
  };
}

export function toSection(raw: RawFolder, categoryId: string, locale: string): Section {
  return {
    id: raw.id,
    categoryId,
    parentSectionId: raw.parent_folder_id ?? null,
    name: raw.name,
    description: raw.description ?? null,
    locale,
    position: raw.position ?? null,
  };
}

export function toTranslation(raw: RawArticle, locale: string): Translation {
  return {
    locale,
    title: raw.title,
    html: raw.description ?? '',
    state: raw.status === ARTICLE_PUBLISHED ? 'published' : 'draft',
    authorId: raw.agent_id ?? null,
    updatedAt: toUtc(raw.updated_at),
  };
}

/** The article's public address on the account's support portal. */
export function articleUrl(portalOrigin: string, id: string): string {
  return `${portalOrigin}/support/solutions/articles/${id}`;
}

export function toArticle(
  raw: RawArticle,
  folderId: string,
  locale: string,
  translations: Translation[],
  portalOrigin: string,
): { article: Article; errors: RecordReadError[] } {
  const html = raw.description ?? '';
  const { attachments, errors } = toAttachments(raw.attachments, html);
  const main = toTranslation(raw, locale);
  return {
    article: {
      id: raw.id,
      sectionId: folderId,
      authorId: main.authorId,
      locale,
      title: main.title,
      html,
      state: main.state,
      url: articleUrl(portalOrigin, raw.id),
      translations,
      attachments,
      createdAt: toUtc(raw.created_at),
      updatedAt: toUtc(raw.updated_at),
    },
    errors: errors.map((e) => ({ ...e, entity: 'articles' as const })),
  };
}
