// Intercom's answers as the comparison's "actual" shapes (verification reads them back; nothing is written).
import type { Article, Contact, Company, Conversation, Ticket } from '../intercom/index.js';
import type { ActualPart, ActualThread } from '../transform/verify-thread.js';
import {
  bodyContent,
  type ArticleActual,
  type CompanyActual,
  type ContactActual,
} from '../transform/verify-records.js';

type Part = {
  id: string;
  part_type: string;
  created_at?: number | null | undefined;
  author?: { id?: string | null | undefined } | null | undefined;
  attachments?: { name?: string | null | undefined }[] | null | undefined;
  body?: string | null | undefined;
};
type TagRefs = { tags?: { name?: string | null }[]; data?: { id?: string; name?: string | null }[] };

function part(p: Part): ActualPart {
  return {
    id: p.id,
    partType: p.part_type,
    createdAt: p.created_at ?? null,
    authorId: p.author?.id ?? null,
    attachmentNames: (p.attachments ?? []).map((a) => a.name ?? ''),
    links: bodyContent(p.body).links,
  };
}

/** Tag names from a tag list; ids without names are named through `names` (GET /tags). */
export function tagNames(
  refs: TagRefs | null | undefined,
  names?: ReadonlyMap<string, string>,
): string[] | null {
  if (!refs) return null;
  const list = refs.tags ?? refs.data;
  if (!list) return null;
  return list.map((t) => t.name ?? names?.get(String((t as { id?: string }).id ?? '')) ?? '');
}

export function ticketActual(t: Ticket): ActualThread {
  const parts = t.ticket_parts?.ticket_parts ?? [];
  const state = t.ticket_state;
  return {
    parts: parts.map(part),
    totalParts: t.ticket_parts?.total_count ?? null,
    state: state ? { id: state.id, label: state.internal_label ?? state.category } : null,
    tags: tagNames(t.tags),
    attributes: t.ticket_attributes ?? {},
    contactIds: t.contacts?.contacts.map((c) => c.id) ?? [],
  };
}

export function conversationActual(c: Conversation): ActualThread {
  const parts = c.conversation_parts?.conversation_parts ?? [];
  return {
    parts: parts.map(part),
    totalParts: c.conversation_parts?.total_count ?? null,
    state: { closed: c.state === 'closed' || c.open === false },
    tags: tagNames(c.tags),
    attributes: c.custom_attributes ?? {},
    contactIds: c.contacts?.contacts.map((x) => x.id) ?? [],
    ...(c.company !== undefined ? { companyId: c.company?.id ?? null } : {}),
    opener: c.source
      ? {
          authorId: c.source.author?.id ?? null,
          attachmentNames: (c.source.attachments ?? []).map((a) => a.name ?? ''),
        }
      : null,
  };
}

export function contactActual(c: Contact, tags: ReadonlyMap<string, string>): ContactActual {
  return {
    email: c.email ?? null,
    externalId: c.external_id ?? null,
    name: c.name ?? null,
    phone: c.phone ?? null,
    companyIds: c.companies?.data?.map((x) => x.id) ?? [],
    tags: tagNames(c.tags, tags),
  };
}

export function companyActual(c: Company): CompanyActual {
  return { name: c.name ?? null, customAttributes: c.custom_attributes ?? {} };
}

export function articleActual(a: Article): ArticleActual {
  const translations: ArticleActual['translations'] = a.translated_content ? {} : null;
  for (const [locale, content] of Object.entries(a.translated_content ?? {}))
    if (content && typeof content === 'object' && translations)
      translations[locale] = { state: content.state ?? null, body: content.body ?? null };
  return {
    title: a.title ?? null,
    state: a.state ?? null,
    parentId: a.parent_id ?? a.parent_ids?.[0] ?? null,
    body: a.body ?? null,
    translations,
  };
}
