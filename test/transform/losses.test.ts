// Issue 11 part 2 in the pure mappers: nested levels, company industry, contact/company tags, article files.
import { describe, expect, it } from 'vitest';
import { mapCustomFields } from '../../src/transform/custom-attributes.js';
import { recordTags, sourceTags } from '../../src/transform/tags.js';
import { articleAttachmentLosses } from '../../src/transform/to-article.js';
import { toCompany } from '../../src/transform/to-company.js';
import { parseSettings } from '../../src/settings/settings.js';
import { attachment, company, field, reference } from './fixtures.js';

describe('issue 11 losses in transform/', () => {
  it('when a nested field keeps its levels under their own keys (Freshdesk), then the attribute is "A > B > C"', () => {
    const def = field({
      key: 'cf_category',
      title: 'Category',
      type: 'nested',
      levelKeys: ['cf_l2', 'cf_l3'],
    });
    const ref = reference(
      {
        mappings: { fields: [{ scope: 'ticket', key: 'cf_category', attribute: 'Category', create: false }] },
      },
      { fields: [def] },
    );
    const full = mapCustomFields(
      { cf_category: 'Software', cf_l2: 'App', cf_l3: 'iOS' },
      'ticket',
      'conversation',
      ref,
    );
    expect(full.attributes).toEqual({ Category: 'Software > App > iOS' });
    const two = mapCustomFields(
      { cf_category: 'Hardware', cf_l2: 'Laptop', cf_l3: null },
      'ticket',
      'conversation',
      ref,
    );
    expect(two.attributes).toEqual({ Category: 'Hardware > Laptop' });
  });

  it("when a company has an industry, then it goes to the Intercom company's own industry", () => {
    expect(toCompany(company({ industry: ' Retail ' }), reference()).body.industry).toBe('Retail');
    expect(toCompany(company(), reference()).body).not.toHaveProperty('industry');
  });

  it('when contact or company tags differ only in case or are blank, then each is sent once and without the migrated tag', () => {
    expect(sourceTags(['VIP', ' vip ', '', 'Partner'])).toEqual(['VIP', 'Partner']);
    const settings = parseSettings({ options: { tagMigrated: true } });
    expect(recordTags(['VIP'], settings, 'zendesk').length).toBeGreaterThan(sourceTags(['VIP']).length);
  });

  it('when an article has a PDF and an inline image, then only the PDF is a loss, with what the admin can do', () => {
    const image = attachment(1, { fileName: 'diagram.png', contentType: 'image/png', inline: true });
    const pdf = attachment(2, { fileName: 'Preisliste.pdf', contentType: 'application/pdf', inline: false });
    expect(articleAttachmentLosses({ attachments: [image, pdf] })).toEqual([
      'attachment "Preisliste.pdf" not carried: Intercom articles take no files besides the images in their body; upload it in Intercom\'s article editor',
    ]);
  });
});
