// The knowledge base (Freshdesk "solutions"): categories, their folders, and each folder's articles with
// their translations. The languages come from the helpdesk settings (primary_language, supported_languages);
// a folder's articles are listed once per language (GET /solutions/folders/{id}/articles/{lang}), which
// costs folders × languages calls instead of articles × languages.
import type { Article, Category, Section, Translation } from '../../model/canonical.js';
import type { Page, RecordReadError } from '../connector.js';
import type { FreshdeskClient } from './client.js';
import { stream } from './list-streams.js';
import { listAll } from './paging.js';
import { parseEach } from '../shared/parse.js';
import {
  rawArticleSchema,
  rawCategorySchema,
  rawFolderSchema,
  rawHelpdeskSettingsSchema,
} from './raw-schemas.js';
import { toArticle, toCategory, toSection, toTranslation } from './to-solutions.js';

interface Languages {
  primary: string;
  others: string[];
}

export function solutionStreams(client: FreshdeskClient) {
  let languages: Promise<Languages> | undefined;
  const langs = (signal?: AbortSignal): Promise<Languages> =>
    (languages ??= client.get('/api/v2/settings/helpdesk', { signal }).then((res) => {
      const s = rawHelpdeskSettingsSchema.parse(res.data);
      const primary = s.primary_language ?? 'en';
      return { primary, others: (s.supported_languages ?? []).filter((l) => l !== primary) };
    }));

  async function categories(
    signal?: AbortSignal,
  ): Promise<{ records: Category[]; errors: RecordReadError[] }> {
    const { primary } = await langs(signal);
    const res = await client.get('/api/v2/solutions/categories', { signal });
    return parseEach('categories', rawCategorySchema, asList(res.data), (raw) => toCategory(raw, primary));
  }

  async function sectionsOf(categoryId: string, signal?: AbortSignal) {
    const { primary } = await langs(signal);
    const res = await client.get(`/api/v2/solutions/categories/${categoryId}/folders`, { signal });
    return parseEach('sections', rawFolderSchema, asList(res.data), (raw) =>
      toSection(raw, categoryId, primary),
    );
  }

  async function* allSections(signal?: AbortSignal): AsyncGenerator<Page<Section>> {
    const cats = await categories(signal);
    for (const c of cats.records) yield { ...(await sectionsOf(c.id, signal)), deletedIds: [], cursor: null };
  }

  async function articlesOf(folderId: string, signal?: AbortSignal) {
    const { primary, others } = await langs(signal);
    const translations = new Map<string, Translation[]>();
    for (const lang of others) {
      for await (const p of listAll(
        client,
        `/api/v2/solutions/folders/${folderId}/articles/${lang}`,
        {},
        { signal },
      )) {
        for (const item of p.items) {
          const parsed = rawArticleSchema.safeParse(item);
          if (!parsed.success) continue;
          const list = translations.get(parsed.data.id) ?? [];
          list.push(toTranslation(parsed.data, lang));
          translations.set(parsed.data.id, list);
        }
      }
    }
    const out = { records: [] as Article[], errors: [] as RecordReadError[] };
    for await (const p of listAll(client, `/api/v2/solutions/folders/${folderId}/articles`, {}, { signal })) {
      const parsed = parseEach('articles', rawArticleSchema, p.items, (raw) =>
        toArticle(
          raw,
          folderId,
          primary,
          [toTranslation(raw, primary), ...(translations.get(raw.id) ?? [])],
          client.origin,
        ),
      );
      out.errors.push(...parsed.errors);
      for (const r of parsed.records) {
        out.records.push(r.article);
        out.errors.push(...r.errors);
      }
    }
    return out;
  }

  return {
    categories: stream('categories', false, async function* (read) {
      yield { ...(await categories(read.signal)), deletedIds: [], cursor: null };
    }),
    sections: stream('sections', false, async function* (read) {
      // One page per category; the cursor is the index of the next category.
      const cats = (await categories(read.signal)).records;
      const start = read.cursor ? Number(read.cursor) : 0;
      for (let i = start; i < cats.length; i++) {
        const page = await sectionsOf(cats[i]!.id, read.signal);
        yield { ...page, deletedIds: [], cursor: i + 1 < cats.length ? String(i + 1) : null };
      }
      if (start >= cats.length) yield { records: [], errors: [], deletedIds: [], cursor: null };
    }),
    articles: stream('articles', false, async function* (read) {
      const folders: Section[] = [];
      for await (const p of allSections(read.signal)) folders.push(...p.records);
      const start = read.cursor ? Number(read.cursor) : 0;
      for (let i = start; i < folders.length; i++) {
        const page = await articlesOf(folders[i]!.id, read.signal);
        yield { ...page, deletedIds: [], cursor: i + 1 < folders.length ? String(i + 1) : null };
      }
      if (start >= folders.length) yield { records: [], errors: [], deletedIds: [], cursor: null };
    }),
    /** For countAvailable. */
    countCategories: async (signal?: AbortSignal) => (await categories(signal)).records.length,
  };
}

function asList(data: unknown): unknown[] {
  if (!Array.isArray(data)) throw new Error('Freshdesk answered with something other than a list');
  return data;
}
