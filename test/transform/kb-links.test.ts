import { describe, expect, it } from 'vitest';
import {
  isKeptLinkNote,
  keptLinkNote,
  oldKbUrls,
  parseOldKbLink,
  rewriteKbLinks,
  urlMapResolver,
  withRewrittenLinks,
  type KbResolution,
  type OldKbRef,
} from '../../src/transform/kb-links.js';

const zdHosts = new Set(['acme.zendesk.com', 'help.acme.test']);
const fdHosts = new Set(['acme.freshdesk.com']);
const NEW: Record<string, string> = {
  'article:111': 'https://help.acme.test/en/articles/9-reset',
  'section:222': 'https://help.acme.test/en/collections/7-billing',
  'category:333': 'https://help.acme.test/en/collections/6-start',
};
const resolve = (ref: OldKbRef): KbResolution => {
  const url = NEW[`${ref.kind}:${ref.id}`];
  return url ? { url } : { reason: 'not migrated' };
};
const zd = (html: string) => rewriteKbLinks(html, 'zendesk', zdHosts, resolve);
const fd = (html: string) => rewriteKbLinks(html, 'freshdesk', fdHosts, resolve);

describe('parseOldKbLink', () => {
  it('when a Zendesk link has a host, a locale, a slug, a query and a fragment, then its object is read', () => {
    expect(
      parseOldKbLink(
        'https://acme.zendesk.com/hc/pt-BR/articles/111-How-to?utm=x#step-2',
        'zendesk',
        zdHosts,
      ),
    ).toEqual({ kind: 'article', id: '111', locale: 'pt-br' });
    expect(parseOldKbLink('/hc/sections/222', 'zendesk', zdHosts)).toEqual({
      kind: 'section',
      id: '222',
      locale: null,
    });
    expect(parseOldKbLink('//help.acme.test/hc/en-us/categories/333-Start/', 'zendesk', zdHosts)).toEqual({
      kind: 'category',
      id: '333',
      locale: 'en-us',
    });
  });

  it('when a link is on another host, not a help-center path or another scheme, then it is not the old help center', () => {
    for (const href of [
      'https://other.zendesk.com/hc/en-us/articles/111',
      'https://acme.zendesk.com/hc/en-us/articles/abc',
      'https://acme.zendesk.com/agent/tickets/111',
      'hc/en-us/articles/111',
      'mailto:hc@acme.test',
      'javascript:alert(1)',
      '#articles/111',
      '/hc/en-us/articles/111/comments/5',
    ])
      expect(parseOldKbLink(href, 'zendesk', zdHosts), href).toBeNull();
  });

  it('when Freshdesk links point at an article, a folder or a category, then each is read', () => {
    expect(parseOldKbLink('/support/solutions/articles/111-reset', 'freshdesk', fdHosts)).toEqual({
      kind: 'article',
      id: '111',
      locale: null,
    });
    expect(
      parseOldKbLink('https://acme.freshdesk.com/de/support/solutions/folders/222', 'freshdesk', fdHosts),
    ).toEqual({ kind: 'section', id: '222', locale: 'de' });
    expect(parseOldKbLink('/support/solutions/333', 'freshdesk', fdHosts)).toEqual({
      kind: 'category',
      id: '333',
      locale: null,
    });
    // A Zendesk-shaped path means nothing on a Freshdesk portal.
    expect(parseOldKbLink('/hc/en-us/articles/111', 'freshdesk', fdHosts)).toBeNull();
  });
});

describe('rewriteKbLinks', () => {
  it('when href stands after other attributes, in single quotes or bare, then only the href changes and the fragment stays', () => {
    const html =
      `<p>See <a class="x" target='_blank' href='https://acme.zendesk.com/hc/en-us/articles/111-reset?x=1&amp;y=2#step-2'>reset</a>, ` +
      `<A HREF=/hc/en-us/sections/222>billing</A> and <a href="/hc/categories/333" title="start">start</a>.</p>`;
    const r = zd(html);
    expect(r.rewritten).toBe(3);
    expect(r.kept).toEqual([]);
    expect(r.html).toBe(
      `<p>See <a class="x" target='_blank' href="https://help.acme.test/en/articles/9-reset#step-2">reset</a>, ` +
        `<A HREF="https://help.acme.test/en/collections/7-billing">billing</A> and ` +
        `<a href="https://help.acme.test/en/collections/6-start" title="start">start</a>.</p>`,
    );
  });

  it('when "href" appears inside another attribute or as data-href, or a quoted value holds ">", then only the real href is read', () => {
    const html =
      `<a title="old: href=/hc/en-us/articles/111 >" data-href="/hc/en-us/articles/111" href="/hc/en-us/sections/222">s</a>` +
      `<span href="/hc/en-us/articles/111">not a link</span>`;
    const r = zd(html);
    expect(r.rewritten).toBe(1);
    expect(r.html).toBe(
      `<a title="old: href=/hc/en-us/articles/111 >" data-href="/hc/en-us/articles/111" href="https://help.acme.test/en/collections/7-billing">s</a>` +
        `<span href="/hc/en-us/articles/111">not a link</span>`,
    );
  });

  it('when a linked article was not migrated, then the link stays byte for byte and is reported once', () => {
    const html = `<a href="/hc/en-us/articles/999-gone">a</a><a href='/hc/de/articles/999'>b</a>`;
    const r = zd(html);
    expect(r.html).toBe(html);
    expect(r.rewritten).toBe(0);
    expect(r.kept.map(keptLinkNote)).toEqual(['link to old article 999 not rewritten: not migrated']);
  });

  it('when the HTML has no old links or is rewritten already, then it is returned unchanged (a second pass is a no-op)', () => {
    const html = `<p><a href="https://example.test/hc/en-us/articles/111">elsewhere</a> <a>no href</a> <a href>empty</a></p>`;
    expect(zd(html)).toEqual({ html, rewritten: 0, written: [], kept: [] });
    const once = zd(`<a href="/hc/en-us/articles/111#a">x</a>`).html;
    expect(zd(once)).toEqual({ html: once, rewritten: 0, written: [], kept: [] });
  });

  it('when the new address holds characters that end an attribute, then they are escaped', () => {
    const r = rewriteKbLinks(`<a href="/hc/en-us/articles/111">x</a>`, 'zendesk', zdHosts, () => ({
      url: 'https://h.test/a?b=1&c="2"',
    }));
    expect(r.html).toBe(`<a href="https://h.test/a?b=1&amp;c=&quot;2&quot;">x</a>`);
  });

  it('when a Freshdesk article links to a folder with a locale prefix, then it is rewritten', () => {
    const r = fd(`<a href="https://acme.freshdesk.com/en/support/solutions/folders/222-billing#top">b</a>`);
    expect(r.html).toBe(`<a href="https://help.acme.test/en/collections/7-billing#top">b</a>`);
  });
});

describe('oldKbUrls', () => {
  it('when a Zendesk article has locales and its own slugged address, then each locale and the slugged one are listed on the new origin', () => {
    expect(
      oldKbUrls(
        'zendesk',
        'https://help.acme.test/',
        'article',
        '111',
        ['en-us', 'de'],
        'https://acme.zendesk.com/hc/en-us/articles/111-Reset',
      ),
    ).toEqual([
      { oldUrl: 'https://help.acme.test/hc/en-us/articles/111-Reset', locale: 'en-us' },
      { oldUrl: 'https://help.acme.test/hc/en-us/articles/111', locale: 'en-us' },
      { oldUrl: 'https://help.acme.test/hc/de/articles/111', locale: 'de' },
    ]);
  });

  it('when Freshdesk folders and categories are listed, then their portal paths are used', () => {
    expect(oldKbUrls('freshdesk', 'https://acme.freshdesk.com', 'section', '222', ['en'])).toEqual([
      { oldUrl: 'https://acme.freshdesk.com/support/solutions/folders/222', locale: 'en' },
    ]);
    expect(oldKbUrls('freshdesk', 'https://acme.freshdesk.com', 'category', '333', ['en'])).toEqual([
      { oldUrl: 'https://acme.freshdesk.com/support/solutions/333', locale: 'en' },
    ]);
  });
});

describe('urlMapResolver', () => {
  const rows = [
    {
      entity: 'articles',
      source_id: '111',
      locale: 'en-us',
      old_url: 'https://acme.zendesk.com/hc/en-us/articles/111-Reset',
      new_url: 'https://h.test/en/articles/9-reset',
    },
    {
      entity: 'articles',
      source_id: '111',
      locale: 'de',
      old_url: 'https://acme.zendesk.com/hc/de/articles/111',
      new_url: 'https://h.test/de/articles/9-zurucksetzen',
    },
    {
      entity: 'sections',
      source_id: '222',
      locale: 'en-us',
      old_url: 'https://help.acme.test/hc/en-us/sections/222',
      new_url: null,
    },
  ];
  it('when the map is read back, then a link resolves in its locale, else to the first address, and an unmigrated one stays', () => {
    const { hosts, resolve } = urlMapResolver(rows);
    expect(hosts).toEqual(new Set(['acme.zendesk.com', 'help.acme.test']));
    const html = `<a href="/hc/de/articles/111">de</a><a href="/hc/articles/111#x">any</a><a href="/hc/en-us/sections/222">s</a>`;
    const r = rewriteKbLinks(html, 'zendesk', hosts, resolve);
    expect(r.html).toBe(
      `<a href="https://h.test/de/articles/9-zurucksetzen">de</a><a href="https://h.test/en/articles/9-reset#x">any</a><a href="/hc/en-us/sections/222">s</a>`,
    );
    expect(r.kept.map(keptLinkNote)).toEqual(['link to old section 222 not rewritten: not migrated']);
  });

  it('when an article body is given, then its body and each translation are rewritten, nothing else', () => {
    const body = { title: 'T', body: 'a', translated_content: { de: { title: 'D', body: 'b' } } };
    expect(withRewrittenLinks(body, (h) => h.toUpperCase())).toEqual({
      title: 'T',
      body: 'A',
      translated_content: { de: { title: 'D', body: 'B' } },
    });
  });
});

describe('isKeptLinkNote', () => {
  it('when notes are told apart, then only those the links pass writes are its own', () => {
    expect(isKeptLinkNote('link to old article 9 not rewritten: not migrated')).toBe(true);
    expect(isKeptLinkNote('links to the old help center not rewritten: Intercom said no')).toBe(true);
    expect(isKeptLinkNote('attachment "a.pdf" not carried: …')).toBe(false);
  });
});
