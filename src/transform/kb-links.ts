// Links into the old help center, found and rewritten in HTML (no I/O). Zendesk Guide addresses are
// /hc[/<locale>]/articles|sections|categories/<id>[-slug]; Freshdesk's /[<locale>/]support/solutions/articles|
// folders/<id>[-slug] and /support/solutions/<id> for a category (the paths the sources' own article urls
// carry: src/sources/zendesk/map.ts html_url, src/sources/freshdesk/to-solutions.ts articleUrl). A link is
// the old help center's when it is relative (a path) or its host is one of the old help center's hosts.
import type { Platform } from '../model/canonical.js';

export type KbEntity = 'article' | 'section' | 'category';

/** What an old help-center link points at. */
export interface OldKbRef {
  kind: KbEntity;
  id: string;
  /** The locale in the path ("en-us"), null when the link has none. */
  locale: string | null;
}

/** What a link becomes: the new address, or why it stays as it is. */
export type KbResolution = { url: string } | { reason: string };

export interface RewriteResult {
  html: string;
  rewritten: number;
  /** The href attribute values written (as they stand in the HTML), in order. */
  written: string[];
  /** Links left as they were, each with its reason (deduplicated) and the first href found for it. */
  kept: KeptLink[];
}

/** An old help-center link that stays as it was: what it points at, its href, and why. */
export interface KeptLink {
  ref: OldKbRef;
  href: string;
  reason: string;
}

const LOCALE = '[a-z]{2,3}(?:-[a-z0-9]{2,4})?';
const SLUG = '(?:-[^/?#]*)?/?';
const ZENDESK = new RegExp(`^/hc(?:/(${LOCALE}))?/(articles|sections|categories)/(\\d+)${SLUG}$`, 'i');
const FRESHDESK = new RegExp(
  `^(?:/(${LOCALE}))?/support/solutions/(?:(articles|folders)/)?(\\d+)${SLUG}$`,
  'i',
);
const KINDS: Record<string, KbEntity> = {
  articles: 'article',
  sections: 'section',
  categories: 'category',
  folders: 'section',
};

/** The host part ("acme.zendesk.com", "help.acme.test:8080") of an absolute address, lower-cased. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase() || null;
  } catch {
    return null;
  }
}

/**
 * The old help-center object a link points at, or null for any other link (another host, another path,
 * mailto:, an anchor inside the page). `oldHosts`: lower-cased hosts of the old help center.
 */
export function parseOldKbLink(
  href: string,
  platform: Platform,
  oldHosts: ReadonlySet<string>,
): OldKbRef | null {
  const raw = href.trim();
  let path: string;
  if (/^(?:https?:)?\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw, 'https://relative.invalid');
    } catch {
      return null;
    }
    if (!oldHosts.has(url.host.toLowerCase())) return null;
    path = url.pathname;
  } else if (raw.startsWith('/')) {
    path = raw.split(/[?#]/)[0] ?? '';
  } else return null;
  const m = (platform === 'zendesk' ? ZENDESK : FRESHDESK).exec(decodeSafely(path));
  if (!m) return null;
  // Freshdesk's category path has no kind segment: /support/solutions/<id>.
  const kind = m[2] ? (KINDS[m[2].toLowerCase()] ?? 'category') : 'category';
  return { kind, id: m[3]!, locale: m[1]?.toLowerCase() ?? null };
}

function decodeSafely(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The #fragment of a link ("" when none), kept on the new address so an anchor still lands. */
function fragmentOf(href: string): string {
  const i = href.indexOf('#');
  return i >= 0 ? href.slice(i) : '';
}

const decodeEntities = (s: string): string =>
  s.replace(/&(amp|quot|#39|apos|lt|gt);/gi, (_m, e: string) => {
    const map: Record<string, string> = { amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' };
    return map[e.toLowerCase()] ?? _m;
  });
const encodeAttribute = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

// An <a> start tag (a ">" inside a quoted value does not end it), then each of its attributes, so that
// only the href attribute itself is read, wherever it stands, quoted either way or bare (never "href" text
// inside another attribute's value, nor data-href).
const ANCHOR_TAG = /<a(?=[\s>])(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * Rewrites every link of `html` that points into the old help center to the address `resolve` gives,
 * keeping the link's #fragment and dropping its query (the old help center's parameters mean nothing to
 * Intercom). Everything else in the HTML stays byte for byte.
 */
export function rewriteKbLinks(
  html: string,
  platform: Platform,
  oldHosts: ReadonlySet<string>,
  resolve: (ref: OldKbRef) => KbResolution,
): RewriteResult {
  let rewritten = 0;
  const written: string[] = [];
  const kept = new Map<string, KeptLink>();
  const rewriteHref = (whole: string, head: string, raw: string): string => {
    const href = decodeEntities(raw);
    const ref = parseOldKbLink(href, platform, oldHosts);
    if (!ref) return whole;
    const target = resolve(ref);
    if ('reason' in target) {
      const key = `${ref.kind}:${ref.id}:${target.reason}`;
      if (!kept.has(key)) kept.set(key, { ref, href, reason: target.reason });
      return whole;
    }
    rewritten++;
    const value = encodeAttribute(target.url + fragmentOf(href));
    written.push(value);
    return `${head}"${value}"`;
  };
  const out = html.replace(ANCHOR_TAG, (tag) => {
    let done = false; // the first href counts, as in a browser
    return tag.replace(
      ATTRIBUTE,
      (
        whole,
        space: string,
        name: string,
        eq?: string,
        _v?: string,
        dq?: string,
        sq?: string,
        bare?: string,
      ) => {
        if (done || name.toLowerCase() !== 'href' || eq === undefined) return whole;
        done = true;
        return rewriteHref(whole, `${space}${name}${eq}`, dq ?? sq ?? bare ?? '');
      },
    );
  });
  return { html: out, rewritten, written, kept: [...kept.values()] };
}

/** The loss line for a link that stays: "link to old article 12 not rewritten: not migrated". */
export function keptLinkNote(k: { ref: OldKbRef; reason: string }): string {
  return `link to old ${k.ref.kind} ${k.ref.id} not rewritten: ${k.reason}`;
}

/** The start of the loss note of an article whose rewritten links Intercom refused. */
export const LINKS_REFUSED = 'links to the old help center not rewritten: ';

/** True for a note the links pass wrote (so a later pass replaces, not repeats, them). */
export const isKeptLinkNote = (note: string): boolean =>
  /^link to old (article|section|category) /.test(note) || note.startsWith(LINKS_REFUSED);

/** A row of the old-URL → new-URL map, before Intercom's redirect exists. */
export interface OldUrl {
  oldUrl: string;
  /** The source locale the address serves. */
  locale: string;
}

/**
 * The old help center's addresses of one object on `origin` (no trailing slash): Zendesk one per locale
 * (/hc/<locale>/articles/<id>), Freshdesk its one path (/support/solutions/...; locales share it). `ownUrl`,
 * the article's own address as the source gave it (with its slug), is kept too, moved onto `origin`.
 */
export function oldKbUrls(
  platform: Platform,
  origin: string,
  kind: KbEntity,
  id: string,
  locales: readonly string[],
  ownUrl: string | null = null,
): OldUrl[] {
  const base = origin.replace(/\/+$/, '');
  const out: OldUrl[] = [];
  const add = (oldUrl: string, locale: string) => {
    if (!out.some((u) => u.oldUrl === oldUrl)) out.push({ oldUrl, locale });
  };
  const [first = 'en'] = locales;
  if (ownUrl) {
    const path = pathOf(ownUrl);
    const ref = path ? parseOldKbLink(path, platform, new Set()) : null;
    if (path && ref?.id === id) add(`${base}${path}`, ref.locale ?? first);
  }
  if (platform === 'zendesk') {
    const segment = { article: 'articles', section: 'sections', category: 'categories' }[kind];
    for (const locale of locales) add(`${base}/hc/${locale.toLowerCase()}/${segment}/${id}`, locale);
  } else {
    const path = kind === 'article' ? `articles/${id}` : kind === 'section' ? `folders/${id}` : id;
    add(`${base}/support/solutions/${path}`, first);
  }
  return out;
}

function pathOf(url: string): string | null {
  if (url.startsWith('/')) return url.split(/[?#]/)[0] ?? null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

/** A row of the kept map as the rewriter needs it. */
export interface MappedUrl {
  entity: string;
  source_id: string;
  locale: string;
  old_url: string;
  new_url: string | null;
}

const MAP_ENTITY: Record<KbEntity, string> = {
  article: 'articles',
  section: 'sections',
  category: 'categories',
};

/**
 * Where the kept map says an old link leads (the address in the link's locale, else the object's first,
 * its own locale's), as the links pass resolved it; and the old help center's hosts the map knows. What
 * verification expects an article's links to have become.
 */
export function urlMapResolver(rows: readonly MappedUrl[]): {
  hosts: Set<string>;
  resolve: (ref: OldKbRef) => KbResolution;
} {
  const byObject = new Map<string, MappedUrl[]>();
  for (const r of rows) {
    const key = `${r.entity}:${r.source_id}`;
    byObject.set(key, [...(byObject.get(key) ?? []), r]);
  }
  const hosts = new Set(rows.map((r) => hostOf(r.old_url)).filter((h): h is string => !!h));
  const resolve = (ref: OldKbRef): KbResolution => {
    const found = byObject.get(`${MAP_ENTITY[ref.kind]}:${ref.id}`) ?? [];
    const row = found.find((r) => ref.locale !== null && r.locale.toLowerCase() === ref.locale) ?? found[0];
    return row?.new_url ? { url: row.new_url } : { reason: 'not migrated' };
  };
  return { hosts, resolve };
}

/** An article body with `rewrite` applied to its HTML and each translation's. */
export function withRewrittenLinks<
  T extends { body?: string; translated_content?: Record<string, { body?: string }> },
>(article: T, rewrite: (html: string) => string): T {
  const translated = article.translated_content;
  return {
    ...article,
    ...(article.body !== undefined ? { body: rewrite(article.body) } : {}),
    ...(translated
      ? {
          translated_content: Object.fromEntries(
            Object.entries(translated).map(([locale, c]) => [
              locale,
              c.body !== undefined ? { ...c, body: rewrite(c.body) } : c,
            ]),
          ),
        }
      : {}),
  };
}
