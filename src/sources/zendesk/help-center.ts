// Help Center streams: categories, sections, and articles with their translations and attachments
// (two extra calls per article). An account without a Help Center answers 404: read as empty.
import type { Page, ReadOptions, Stream } from '../connector.js';
import { HttpFailure } from '../shared/http-client.js';
import { parseEach } from '../shared/parse.js';
import type { ZendeskClient } from './client.js';
import { toArticle, toCategory, toSection, toTranslation } from './map.js';
import { cursorList } from './pages.js';
import { rawArticle, rawArticleAttachment, rawCategory, rawSection, rawTranslation } from './raw.js';
import type { Article } from '../../model/canonical.js';
import { simpleStream } from './streams.js';

const byId = (r: { id: string }): string => r.id;

/** A Help Center list; 404 (no Help Center on this account) ends it quietly. */
function hcList(c: ZendeskClient, path: string, key: string) {
  return async function* (o: ReadOptions) {
    try {
      yield* cursorList(c, path, key, {
        ...(o.cursor !== undefined ? { cursor: o.cursor } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (err) {
      if (err instanceof HttpFailure && err.failure.status === 404) return;
      throw err;
    }
  };
}

export function helpCenterStreams(c: ZendeskClient) {
  return {
    categories: simpleStream({
      name: 'categories',
      incremental: false,
      pages: hcList(c, '/api/v2/help_center/categories.json', 'categories'),
      schema: rawCategory,
      map: toCategory,
      primaryKey: byId,
    }),
    sections: simpleStream({
      name: 'sections',
      incremental: false,
      pages: hcList(c, '/api/v2/help_center/sections.json', 'sections'),
      schema: rawSection,
      map: toSection,
      primaryKey: byId,
    }),
    articles: articleStream(c),
  };
}

function articleStream(c: ZendeskClient): Stream<'articles'> {
  return {
    name: 'articles',
    incremental: false,
    primaryKey: byId,
    async *read(o: ReadOptions = {}): AsyncIterable<Page<Article>> {
      const signal = o.signal ? { signal: o.signal } : {};
      for await (const p of hcList(c, '/api/v2/help_center/articles.json', 'articles')(o)) {
        const parsed = parseEach('articles', rawArticle, p.items, (a) => a);
        const records: Article[] = [];
        const errors = [...parsed.errors];
        for (const a of parsed.records) {
          const base = `/api/v2/help_center/articles/${a.id}`;
          const tr = await c.http.getJson(`${base}/translations.json`, signal);
          const translations = parseEach(
            'articles',
            rawTranslation,
            listOf(tr.data, 'translations'),
            toTranslation,
          );
          const at = await c.http.getJson(`${base}/attachments.json`, signal);
          const files = listOf(at.data, 'article_attachments');
          const att = parseEach('articles', rawArticleAttachment, files, (x) => x);
          errors.push(
            ...translations.errors.map((e) => ({ ...e, sourceId: a.id })),
            ...att.errors.map((e) => ({ ...e, sourceId: a.id })),
          );
          records.push(toArticle(a, translations.records, att.records));
        }
        yield { records, errors, deletedIds: [], cursor: p.next };
      }
    },
  };
}

function listOf(data: unknown, key: string): unknown[] {
  const items = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(items) ? items : [];
}
