// Help-center content of the sample account: categories, sections (one nested), and articles with
// translations in en, de and fr (some drafts, one with an inline image and a file attachment).
import type { Article, Attachment, Category, Section, Translation } from '../../model/canonical.js';
import { clock, ids, iso, type Sizes } from './layout.js';
import { attachmentPath } from './tickets.js';

const CATEGORY_NAMES = ['Getting started', 'Billing & invoices', 'Troubleshooting'];
const SECTION_NAMES = [
  'First steps',
  'Your account',
  'Payments',
  'Refunds',
  'Known issues',
  'Mobile apps (nested)',
];
const TITLES: Record<'en' | 'de' | 'fr', string[]> = {
  en: ['How to reset your password', 'Understanding your invoice', 'Exporting data', 'Using the mobile app'],
  de: [
    'So setzen Sie Ihr Passwort zurück',
    'Ihre Rechnung verstehen',
    'Daten exportieren',
    'Die mobile App nutzen',
  ],
  fr: [
    'Réinitialiser votre mot de passe',
    'Comprendre votre facture',
    'Exporter les données',
    "Utiliser l'application mobile",
  ],
};

export function categories(sizes: Sizes): Category[] {
  return Array.from({ length: sizes.categories }, (_, i) => ({
    id: ids.category(i),
    name: CATEGORY_NAMES[i % CATEGORY_NAMES.length]!,
    description: i === 0 ? 'Start here — commencez ici — hier beginnen' : null,
    locale: 'en-us',
    position: i,
  }));
}

export function sections(sizes: Sizes): Section[] {
  return Array.from({ length: sizes.sections }, (_, i) => ({
    id: ids.section(i),
    categoryId: ids.category(Math.floor(i / 2) % sizes.categories),
    // The last section nests inside the one before it.
    parentSectionId: i === sizes.sections - 1 ? ids.section(i - 1) : null,
    name: SECTION_NAMES[i % SECTION_NAMES.length]!,
    description: null,
    locale: 'en-us',
    position: i,
  }));
}

export function articleAttachments(articleIndex: number): Attachment[] {
  if (articleIndex % 4 !== 1) return [];
  const image = ids.articleAttachment(articleIndex, 0);
  const pdf = ids.articleAttachment(articleIndex, 1);
  return [
    {
      id: image,
      fileName: 'diagram.png',
      contentType: 'image/png',
      size: 1200 + articleIndex,
      url: attachmentPath(image, 'diagram.png'),
      inline: true,
      inlineRef: attachmentPath(image, 'diagram.png'),
    },
    {
      id: pdf,
      fileName: 'Preisliste 2024.pdf',
      contentType: 'application/pdf',
      size: 5400 + articleIndex,
      url: attachmentPath(pdf, 'Preisliste 2024.pdf'),
      inline: false,
      inlineRef: null,
    },
  ];
}

export function articles(sizes: Sizes): Article[] {
  return Array.from({ length: sizes.articles }, (_, i) => {
    const n = i % 4;
    const created = new Date(clock.accountCreated.getTime() + i * 86_400_000);
    const updatedAt = iso(new Date(created.getTime() + 3_600_000));
    const authorId = ids.agent(i % 3);
    const attachments = articleAttachments(i);
    const inline = attachments.find((a) => a.inline);
    const html =
      `<h2>${TITLES.en[n]}</h2><p>Follow these steps. ✅</p><ul><li>One</li><li>Two</li></ul>` +
      (inline ? `<p><img src="${inline.inlineRef}" alt="diagram"></p>` : '') +
      (n === 2 ? seeAlso(i, sizes) : '') +
      (i === 5 ? '<script>alert("kb")</script>' : '');
    const state: Translation['state'] = i % 5 === 4 ? 'draft' : 'published';
    const translations: Translation[] = [
      { locale: 'en-us', title: TITLES.en[n]!, html, state, authorId, updatedAt },
    ];
    if (i % 2 === 0)
      translations.push(translation('de', n, authorId, updatedAt, i % 4 === 2 ? 'draft' : 'published'));
    if (i % 3 === 0) translations.push(translation('fr', n, authorId, updatedAt, 'published'));
    return {
      id: ids.article(i),
      sectionId: ids.section(i % sizes.sections),
      authorId,
      locale: 'en-us',
      title: TITLES.en[n]!,
      html,
      state,
      url: `/hc/en-us/articles/${ids.article(i)}`,
      translations,
      attachments,
      createdAt: iso(created),
      updatedAt,
    };
  });
}

/**
 * Links to other articles, a section and a category, as Zendesk writes them (the first made absolute on the
 * emulator's origin by withOrigin(), the others relative, one in single quotes): every one leads to a
 * migrated object, so after the migration each must lead into Intercom (issue 15 §3).
 */
function seeAlso(i: number, sizes: Sizes): string {
  const next = (i + 1) % sizes.articles;
  return (
    `<p>See also <a href="/hc/en-us/articles/${ids.article(next)}-${TITLES.en[next % 4]!.replace(/\W+/g, '-')}#steps">` +
    `the next article</a>, <a class="more" href='/hc/en-us/sections/${ids.section(i % sizes.sections)}'>this section</a>` +
    ` and <a href=/hc/en-us/categories/${ids.category(0)} title="start">getting started</a>.</p>`
  );
}

/** The sample's Zendesk-shaped help-center links as a Freshdesk portal writes them (/support/solutions/…). */
export function freshdeskKbLinks(html: string): string {
  return html.replace(
    /\/hc\/[a-z-]+\/(articles|sections|categories)\/(\d+)(?:-[^"'#\s>]*)?/g,
    (_m, kind: string, id: string) =>
      `/support/solutions/${kind === 'articles' ? 'articles/' : kind === 'sections' ? 'folders/' : ''}${id}`,
  );
}

function translation(
  locale: 'de' | 'fr',
  n: number,
  authorId: string,
  updatedAt: string,
  state: Translation['state'],
): Translation {
  const title = TITLES[locale][n]!;
  const text =
    locale === 'de'
      ? 'Folgen Sie diesen Schritten: Öffnen, Prüfen, Schließen.'
      : 'Suivez ces étapes : ouvrir, vérifier, fermer.';
  return { locale, title, html: `<h2>${title}</h2><p>${text}</p>`, state, authorId, updatedAt };
}
