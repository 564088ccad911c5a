import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/canonical.js';
import {
  sourceIdDataAttribute,
  sourceIdTicketTypeAttribute,
  toConversationAttributeCreate,
  toDataAttributeCreate,
  toTicketTypeAttributeCreate,
  toTicketTypeCreate,
} from '../../src/transform/attribute-definitions.js';
import {
  intercomLocale,
  planCollections,
  toArticle,
  toCollectionCreate,
} from '../../src/transform/to-article.js';
import { field, reference, T0 } from './fixtures.js';

describe('attribute definitions', () => {
  it.each([
    ['text', 'string'],
    ['checkbox', 'boolean'],
    ['integer', 'integer'],
    ['decimal', 'float'],
    ['date', 'date'],
    ['dropdown', 'string'],
    ['multiselect', 'string'],
  ] as const)('when a contact field is %s, then the data attribute is %s', (type, dataType) => {
    const r = toDataAttributeCreate(field({ scope: 'contact', type }), 'Region', 'zendesk');
    expect(r).toMatchObject({
      kind: 'create',
      body: { name: 'Region', model: 'contact', data_type: dataType },
    });
  });

  it('when a company field is a credit card, then no attribute is created: sensitive field', () => {
    expect(
      toDataAttributeCreate(field({ scope: 'company', type: 'partialcreditcard' }), 'X', 'zendesk'),
    ).toEqual({
      kind: 'skipped',
      reason: 'sensitive field',
    });
  });

  it.each([
    ['text', 'string', undefined],
    ['textarea', 'string', true],
    ['checkbox', 'boolean', undefined],
    ['integer', 'integer', undefined],
    ['decimal', 'decimal', undefined],
    ['date', 'datetime', undefined],
    ['nested', 'string', undefined],
  ] as const)(
    'when a ticket field is %s, then the ticket-type attribute is %s',
    (type, dataType, multiline) => {
      const r = toTicketTypeAttributeCreate(field({ type }), 'Region', 'freshdesk');
      if (r.kind !== 'create') throw new Error('expected create');
      expect(r.body.data_type).toBe(dataType);
      expect(r.body.multiline).toBe(multiline);
      expect(r.body.description).toBe('Region (migrated from Freshdesk text field region)');
    },
  );

  it('when a ticket drop-down is created, then it is a list with the same options (a comma inside a label kept as "‚")', () => {
    const def = field({
      type: 'dropdown',
      options: [
        { value: 'a', label: 'Printer' },
        { value: 'b', label: 'Scan, Copy' },
      ],
    });
    expect(toTicketTypeAttributeCreate(def, 'Product', 'zendesk')).toMatchObject({
      body: { data_type: 'list', list_items: 'Printer,Scan\u201a Copy' },
    });
    expect(toConversationAttributeCreate(def, 'Product', 'zendesk')).toMatchObject({
      body: { data_type: 'list', options: [{ label: 'Printer' }, { label: 'Scan, Copy' }] },
    });
    expect(toTicketTypeAttributeCreate(field({ type: 'dropdown' }), 'P', 'zendesk')).toEqual({
      kind: 'skipped',
      reason: 'drop-down without options',
    });
  });

  it('when Ferry prepares its own attributes, then ferry_source_id is a string hidden from contacts', () => {
    expect(sourceIdDataAttribute('company')).toMatchObject({
      name: 'ferry_source_id',
      model: 'company',
      data_type: 'string',
    });
    expect(sourceIdTicketTypeAttribute()).toMatchObject({
      name: 'ferry_source_id',
      data_type: 'string',
      visible_to_contacts: false,
    });
    expect(toTicketTypeCreate('Migrated ticket', 'zendesk')).toEqual({
      name: 'Migrated ticket',
      description: 'Tickets migrated from Zendesk by Ferry',
      category: 'Customer',
      is_internal: false,
    });
  });
});

describe('help center', () => {
  it.each([
    ['en-us', 'en'],
    ['pt-br', 'pt-BR'],
    ['pt_BR', 'pt-BR'],
    ['zh-cn', 'zh-CN'],
    ['de', 'de'],
    ['no', 'nb'],
    ['xx-yy', null],
  ])('when the source locale is %s, then the Intercom locale is %s', (source, locale) => {
    expect(intercomLocale(source)).toBe(locale);
  });

  it('when sections nest, then parents come before children and each points at its parent', () => {
    const nodes = planCollections(
      [{ id: '1', name: 'Guides', description: null, locale: 'en', position: 0 }],
      [
        {
          id: 's2',
          categoryId: '1',
          parentSectionId: 's1',
          name: 'Child',
          description: null,
          locale: 'en',
          position: 0,
        },
        {
          id: 's1',
          categoryId: '1',
          parentSectionId: null,
          name: 'Parent',
          description: 'P',
          locale: 'en',
          position: 1,
        },
        {
          id: 's3',
          categoryId: 'gone',
          parentSectionId: null,
          name: 'Orphan',
          description: null,
          locale: 'en',
          position: 2,
        },
      ],
    );
    expect(nodes.map((n) => [n.key, n.parentKey])).toEqual([
      ['category:1', null],
      ['section:s1', 'category:1'],
      ['section:s3', null],
      ['section:s2', 'section:s1'],
    ]);
    expect(toCollectionCreate(nodes[1]!, '42')).toEqual({
      name: 'Parent',
      description: 'P',
      parent_id: '42',
    });
    expect(toCollectionCreate(nodes[0]!, null)).toEqual({ name: 'Guides' });
  });

  const article = (over: Partial<Article> = {}): Article => ({
    id: 'art1',
    sectionId: 's1',
    authorId: '9001',
    locale: 'en-us',
    title: 'Reset your password',
    html: '<h3>Steps</h3><p>Click <a href="javascript:x()">here</a></p><script>x</script>',
    state: 'published',
    url: null,
    translations: [
      {
        locale: 'de',
        title: 'Passwort zurücksetzen',
        html: '<p>Schritte ✓</p>',
        state: 'draft',
        authorId: null,
        updatedAt: T0,
      },
      { locale: 'en-us', title: 'dup', html: '', state: 'draft', authorId: null, updatedAt: T0 },
      { locale: 'tlh', title: 'Klingon', html: '', state: 'draft', authorId: null, updatedAt: T0 },
    ],
    attachments: [],
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });

  it('when an article maps, then it has the sanitised body, integer author and parent, state and translations', () => {
    const { body, notes } = toArticle(article(), reference(), '42', () => null);
    expect(body).toEqual({
      title: 'Reset your password',
      body: '<h2>Steps</h2><p>Click <a>here</a></p>',
      author_id: 111,
      state: 'published',
      parent_id: 42,
      parent_type: 'collection',
      translated_content: {
        de: { title: 'Passwort zurücksetzen', body: '<p>Schritte ✓</p>', author_id: 111, state: 'draft' },
      },
    });
    expect(notes).toEqual(['translation tlh skipped: Intercom has no such locale']);
  });

  it('when translations are off or the author has no teammate, then none are sent and the fallback writes', () => {
    const { body } = toArticle(
      article({ authorId: '9002' }),
      reference({ options: { translations: false } }),
      null,
      () => null,
    );
    expect(body.translated_content).toBeUndefined();
    expect(body.author_id).toBe(999);
    expect(body.parent_id).toBeUndefined();
  });
});
