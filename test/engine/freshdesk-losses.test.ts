// Issue 11 part 2 (Freshdesk, tags, article files): what used to be dropped without a word now reaches
// Intercom, or is a loss line on the migrated record's reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARD_CASES } from '../../src/sandbox/sample-account/index.js';
import { companyDefaults, contactMobile } from '../../src/sandbox/sample-account/freshdesk-extras.js';
import { startEngineHarness, type EngineHarness } from './harness.js';
import { expectCleanIntercomTraffic, expectCountsAddUp, ticketsBySourceId } from './checks.js';

type Row = { source_id: string; target_id: string | null; status: string; reason: string | null };

const ledger = (h: EngineHarness, migrationId: string, entity: string) =>
  h.db
    .knex('ledger')
    .where({ migration_id: migrationId, entity })
    .select<Row[]>('source_id', 'target_id', 'status', 'reason');

describe('Freshdesk → Intercom: tags, default fields, nested fields, outbound e-mails, events, article files', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    // The sample account's events are of January 2014: "today" for the activity export is in that month.
    h = await startEngineHarness({ tickets: 20, activityNow: new Date('2014-01-30T12:00:00Z') });
    await h.startRunner();
    migrationId = await h.newMigration({
      options: { eventsAsNotes: true, maxAttachmentBytes: 20 * 1024 * 1024 },
      mappings: {
        fields: [
          { scope: 'ticket', key: 'cf_category', attribute: 'Category', create: true },
          { scope: 'contact', key: 'mobile', attribute: 'mobile_phone', create: true },
          { scope: 'company', key: 'description', attribute: 'company_description', create: true },
          { scope: 'company', key: 'note', attribute: 'company_note', create: true },
          { scope: 'company', key: 'health_score', attribute: 'health_score', create: true },
          { scope: 'company', key: 'account_tier', attribute: 'account_tier', create: true },
          { scope: 'company', key: 'renewal_date', attribute: 'renewal_date', create: true },
        ],
      },
    });
    // One contact tagging refused: the contact stays migrated, the tag is a loss on its line.
    h.intercom.failNext({
      kind: { status: 404 },
      method: 'POST',
      path: /^\/contacts\/[^/]+\/tags$/,
    });
    const status = await h.run(migrationId, 'full', 150_000);
    expect(status.status, status.lastError ?? '').toBe('completed');
    await expectCountsAddUp(h.db.knex, status);
    expectCleanIntercomTraffic(h.intercom);
  }, 160_000);
  afterAll(async () => h?.close());

  const contactOf = (sourceId: string, rows: Row[]) => {
    const row = rows.find((r) => r.source_id === sourceId)!;
    return h.intercom.state.contacts.get(row.target_id!)!;
  };

  it('when contacts carry tags, then each migrated contact has them in Intercom, and a refused tag is a loss on its line', async () => {
    const rows = await ledger(h, migrationId, 'contacts');
    const lossy = rows.filter((r) => /tag ".+" not applied/.test(r.reason ?? ''));
    expect(lossy).toHaveLength(1);
    expect(lossy[0]!.status).toBe('migrated');
    let checked = 0;
    for (let i = 0; i < h.account.size.contacts; i++) {
      const c = h.account.contact(i);
      const row = rows.find((r) => r.source_id === c.id);
      if (row?.status !== 'migrated' || c.tags.length === 0 || row === lossy[0]) continue;
      const names = h.intercom.state.taggings
        .tagIdsOf('contact', row.target_id!)
        .map((tagId) => String(h.intercom.state.tags.get(tagId)?.name));
      expect(names.map((n) => n.toLowerCase()).sort()).toEqual(c.tags.map((t) => t.toLowerCase()).sort());
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('when a contact has a mobile beside its phone, then the phone stays the phone and the mobile is the mobile_phone attribute', async () => {
    const rows = await ledger(h, migrationId, 'contacts');
    let both = 0;
    let mobileOnly = 0;
    for (let i = 0; i < h.account.size.contacts; i++) {
      const c = h.account.contact(i);
      const mobile = contactMobile(c);
      const row = rows.find((r) => r.source_id === c.id);
      if (!mobile || row?.status !== 'migrated' || /shares its e-mail/.test(row.reason ?? '')) continue;
      const target = contactOf(c.id, rows);
      const attrs = target.custom_attributes as Record<string, unknown>;
      if (c.phone) {
        expect(attrs.mobile_phone).toBe(mobile);
        both++;
      } else {
        // Intercom contacts have one phone: without a phone, the mobile number is it.
        expect(String(target.phone)).toBe(mobile.replaceAll(' ', ''));
        expect(attrs.mobile_phone).toBeUndefined();
        mobileOnly++;
      }
    }
    expect(both).toBeGreaterThan(0);
    expect(mobileOnly).toBeGreaterThan(0);
  });

  it('when companies have Freshdesk default fields, then they are company attributes of their types and industry is the company industry', async () => {
    const rows = await ledger(h, migrationId, 'companies');
    let checked = 0;
    for (let i = 0; i < h.account.size.companies; i++) {
      const c = h.account.company(i);
      const row = rows.find((r) => r.source_id === c.id);
      const d = companyDefaults(c);
      if (row?.status !== 'migrated' || d.description === null) continue;
      const target = [...h.intercom.state.companies.values()].find((x) => x.id === row.target_id)!;
      const attrs = target.custom_attributes as Record<string, unknown>;
      expect(attrs).toMatchObject({
        company_description: d.description,
        company_note: d.note,
        health_score: d.health_score,
        account_tier: d.account_tier,
        renewal_date: Date.parse(`${d.renewal_date}T00:00:00Z`) / 1000,
      });
      expect(target.industry).toBe(d.industry);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const types = Object.fromEntries(
      h.intercom.state.dataAttributes.filter((a) => a.model === 'company').map((a) => [a.name, a.data_type]),
    );
    expect(types).toMatchObject({ company_note: 'string', health_score: 'string', renewal_date: 'date' });
  });

  it('when a ticket has a nested field, then every level reaches Intercom as "A > B > C"', () => {
    const byRef = ticketsBySourceId(h.intercom);
    let checked = 0;
    const def = h.account.fields('ticket').find((f) => f.key === 'cf_category')!;
    for (let i = 0; i < h.account.size.tickets; i++) {
      const t = h.account.ticket(i);
      const option = def.options.find((o) => o.value === t.customFields.cf_category);
      const ids = byRef.get(`freshdesk:${t.id}`) ?? [];
      if (!option || ids.length !== 1) continue;
      const attrs = h.intercom.state.tickets.get(ids[0]!)!.ticket_attributes as Record<string, unknown>;
      expect(attrs.Category).toBe(option.label.split('::').join(' > '));
      if (option.label.split('::').length === 3) checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("when a Freshdesk ticket is an outbound e-mail, then its first message is the sending agent's reply, not the requester's", () => {
    const t = h.account.ticket(HARD_CASES.outboundEmail);
    const ids = ticketsBySourceId(h.intercom).get(`freshdesk:${t.id}`) ?? [];
    expect(ids).toHaveLength(1);
    const first = h.intercom.state.tickets
      .get(ids[0]!)!
      .parts.find((p) => p.part_type === 'comment' || p.part_type === 'note')!;
    expect((first.author as { type: string }).type).toBe('admin');
  });

  it("when events as private notes is on, then the activity export's changes are notes of their tickets, and nothing is reported missing inside its 30 days", async () => {
    const byRef = ticketsBySourceId(h.intercom);
    let notes = 0;
    for (let i = 0; i < h.account.size.tickets; i++) {
      const ids = byRef.get(`freshdesk:${h.account.ticket(i).id}`) ?? [];
      if (ids.length !== 1) continue;
      notes += h.intercom.state.tickets
        .get(ids[0]!)!
        .parts.filter((p) => p.part_type === 'note' && /Changed by/.test(String(p.body))).length;
    }
    expect(notes).toBeGreaterThan(h.account.size.tickets / 2);
    const rows = await ledger(h, migrationId, 'tickets');
    expect(rows.filter((r) => /ticket events/.test(r.reason ?? ''))).toEqual([]);
  });

  it('when an article has a PDF, then the article is migrated and the file is a loss on its line with what to do', async () => {
    const rows = await ledger(h, migrationId, 'articles');
    const withPdf = h.account
      .articles()
      .filter((a) => a.attachments.some((x) => x.contentType === 'application/pdf'));
    expect(withPdf.length).toBeGreaterThan(0);
    for (const a of withPdf) {
      const row = rows.find((r) => r.source_id === a.id)!;
      expect(row.status).toBe('migrated');
      expect(row.reason).toMatch(
        /attachment "Preisliste 2024\.pdf" not carried: .*upload it in Intercom's article editor/,
      );
    }
  });
});

describe('Zendesk → Intercom: tags on organizations', () => {
  let h: EngineHarness;
  let migrationId: string;
  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20, zendesk: { exportPerMinute: 10 } });
    await h.startRunner();
    migrationId = await h.newMigration({ entities: ['contacts', 'companies'] });
  });
  afterAll(async () => h?.close());

  it(
    'when organizations carry tags, then each migrated company is tagged with them in Intercom (POST /tags with companies)',
    { timeout: 120_000 },
    async () => {
      const status = await h.run(migrationId, 'full', 110_000);
      expect(status.status, status.lastError ?? '').toBe('completed');
      expectCleanIntercomTraffic(h.intercom);
      const rows = await ledger(h, migrationId, 'companies');
      let checked = 0;
      for (let i = 0; i < h.account.size.companies; i++) {
        const c = h.account.company(i);
        const row = rows.find((r) => r.source_id === c.id);
        if (row?.status !== 'migrated' || c.tags.length === 0) continue;
        const company = h.intercom.state.companies.get(row.target_id!)!;
        const tags = (company.tags as { tags: Array<{ name: string }> }).tags.map((t) => t.name);
        expect(tags.sort()).toEqual([...c.tags].sort());
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});
