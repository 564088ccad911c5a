// Verification of contacts, companies and articles (pure): the expected Intercom shape comes from the same
// mappers that wrote the record (toContact, toCompany, toArticle); the comparison names each difference in
// one sentence an admin can act on.
import type { ArticleCreateBody, CompanyBody, ContactCreateBody } from './intercom-bodies.js';
import { compareAttributes, verdictOf, type Verdict } from './verify-values.js';

export interface ContactExpectation {
  body: ContactCreateBody;
  /** Intercom ids of the companies the contact was attached to. */
  companyIds: string[];
  /** Tag names Ferry wrote on the contact (empty where it writes none). */
  tags: string[];
  /** Another source user with the same e-mail made this contact: only the e-mail and companies are its own. */
  shared: boolean;
}

export interface ContactActual {
  email: string | null;
  externalId: string | null;
  name: string | null;
  phone: string | null;
  companyIds: string[];
  /** Null when the answer does not list the tags' names. */
  tags: string[] | null;
}

const text = (v: string | null | undefined) => (v ?? '').trim();

export function compareContact(e: ContactExpectation, a: ContactActual): Verdict {
  const problems: string[] = [];
  const b = e.body;
  if (b.email && text(a.email).toLowerCase() !== b.email.trim().toLowerCase())
    problems.push(`The contact's e-mail is "${text(a.email)}" in Intercom; Ferry wrote "${b.email}".`);
  if (!b.email && b.external_id && text(a.externalId) !== b.external_id)
    problems.push(
      `The contact's external_id is "${text(a.externalId)}" in Intercom; Ferry wrote "${b.external_id}".`,
    );
  if (!e.shared) {
    if (b.name && text(a.name) !== b.name.trim())
      problems.push(`The contact's name is "${text(a.name)}" in Intercom; Ferry wrote "${b.name}".`);
    if (b.phone && text(a.phone) !== b.phone)
      problems.push(`The contact's phone is "${text(a.phone)}" in Intercom; Ferry wrote "${b.phone}".`);
  }
  for (const id of e.companyIds)
    if (!a.companyIds.includes(id)) problems.push(`The contact is not linked to company ${id} in Intercom.`);
  if (a.tags !== null) {
    const have = new Set(a.tags.map((t) => t.toLowerCase()));
    for (const tag of e.tags)
      if (!have.has(tag.toLowerCase())) problems.push(`Tag "${tag}" is missing on the contact in Intercom.`);
  }
  return verdictOf(problems);
}

export interface CompanyActual {
  name: string | null;
  customAttributes: Record<string, unknown>;
}

export function compareCompany(e: CompanyBody, a: CompanyActual): Verdict {
  const problems: string[] = [];
  if (e.name && text(a.name) !== e.name.trim())
    problems.push(`The company's name is "${text(a.name)}" in Intercom; Ferry wrote "${e.name}".`);
  problems.push(...compareAttributes(e.custom_attributes ?? {}, a.customAttributes));
  return verdictOf(problems);
}

export interface ArticleActual {
  title: string | null;
  state: string | null;
  parentId: string | null;
  body: string | null;
  /** Locale → the translation's state (null when its content shows no state). */
  translations: Record<string, { state: string | null; body: string | null }> | null;
}

const HREF = /<a\b[^>]*\bhref\s*=\s*"([^"]*)"/gi;
const IMG = /<img\b/gi;

/** The links and the number of images in an article body. */
export function bodyContent(html: string | null | undefined): { links: string[]; images: number } {
  const body = html ?? '';
  return { links: [...body.matchAll(HREF)].map((m) => m[1]!), images: (body.match(IMG) ?? []).length };
}

function compareBody(where: string, expected: string | undefined, actual: string | null, problems: string[]) {
  const e = bodyContent(expected);
  const a = bodyContent(actual);
  for (const link of e.links)
    if (!a.links.includes(link)) problems.push(`The link to ${link} is missing from ${where} in Intercom.`);
  if (a.images < e.images)
    problems.push(`${e.images - a.images} of the ${e.images} image(s) of ${where} are missing in Intercom.`);
}

export function compareArticle(e: ArticleCreateBody, a: ArticleActual): Verdict {
  const problems: string[] = [];
  if (e.title && text(a.title) !== e.title.trim())
    problems.push(`The article's title is "${text(a.title)}" in Intercom; Ferry wrote "${e.title}".`);
  if (e.state && a.state !== e.state)
    problems.push(`The article is ${a.state ?? 'in no state'} in Intercom; Ferry made it ${e.state}.`);
  const parent = e.parent_id === undefined ? null : String(e.parent_id);
  if (parent !== null && a.parentId !== parent)
    problems.push(`The article is not in its collection (Intercom collection ${parent}).`);
  compareBody('the article', e.body, a.body, problems);
  for (const [locale, content] of Object.entries(e.translated_content ?? {})) {
    const got = a.translations?.[locale];
    if (!got) {
      if (a.translations !== null) problems.push(`The ${locale} translation is missing in Intercom.`);
      continue;
    }
    if (content.state && got.state && got.state !== content.state)
      problems.push(`The ${locale} translation is ${got.state} in Intercom; Ferry made it ${content.state}.`);
    compareBody(`its ${locale} translation`, content.body, got.body, problems);
  }
  return verdictOf(problems);
}
