// Freshdesk quirks behind issue 11 part 2: default fields Ferry carries, nested field levels, outbound
// e-mails, and ticket events from the ticket activities export (30 days of files, admin-enabled).
import { describe, expect, it } from 'vitest';
import { HARD_CASES } from '../../../src/sandbox/sample-account/index.js';
import { companyDefaults, contactMobile } from '../../../src/sandbox/sample-account/freshdesk-extras.js';
import { activityTime } from '../../../src/sources/freshdesk/activities.js';
import { readAll, recordsOf, startHarness } from './harness.js';

describe('Freshdesk: values that used to be dropped', () => {
  it('when a contact has a phone and a mobile, then the phone stays and the mobile is a "mobile" field; alone, the mobile is the phone', async () => {
    const h = await startHarness({ tickets: 20 });
    try {
      const contacts = recordsOf(await readAll(h.connector.streams.contacts!));
      let both = 0;
      let alone = 0;
      for (const c of contacts) {
        const sample = h.account.contact(Number(c.id) - 2_000_001);
        const mobile = contactMobile(sample);
        if (!mobile) {
          expect(c.customFields.mobile).toBeUndefined();
          continue;
        }
        if (sample.phone) {
          expect([c.phone, c.customFields.mobile]).toEqual([sample.phone, mobile]);
          both++;
        } else {
          expect([c.phone, c.customFields.mobile]).toEqual([mobile, undefined]);
          alone++;
        }
      }
      expect(both).toBeGreaterThan(0);
      expect(alone).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });

  it('when companies have default fields, then they are custom fields of their own keys, and industry is the company industry', async () => {
    const h = await startHarness({ tickets: 20 });
    try {
      const companies = recordsOf(await readAll(h.connector.streams.companies!));
      const c = companies.find((x) => companyDefaults(h.account.company(Number(x.id) - 3_000_001)).note)!;
      const d = companyDefaults(h.account.company(Number(c.id) - 3_000_001));
      expect(c.customFields).toMatchObject({
        description: d.description,
        note: d.note,
        health_score: d.health_score,
        account_tier: d.account_tier,
        renewal_date: d.renewal_date,
      });
      expect(c.industry).toBe(d.industry);
      const fields = recordsOf(await readAll(h.connector.streams.company_fields!));
      const carried = fields.filter((f) => f.rawType.startsWith('default_') && !f.system);
      expect(carried.map((f) => [f.key, f.type])).toEqual([
        ['description', 'textarea'],
        ['note', 'textarea'],
        ['health_score', 'dropdown'],
        ['account_tier', 'dropdown'],
        ['renewal_date', 'date'],
      ]);
      // Name, domains and industry have places of their own in Intercom: not offered as attributes.
      expect(fields.filter((f) => f.system).map((f) => f.key)).toEqual(['name', 'domains', 'industry']);
      const contactFields = recordsOf(await readAll(h.connector.streams.contact_fields!));
      expect(
        contactFields.filter((f) => !f.system && f.rawType.startsWith('default_')).map((f) => f.key),
      ).toEqual(['mobile']);
    } finally {
      await h.close();
    }
  });

  it('when a nested field is read, then its lower levels are named, and tickets hold each level under its own key', async () => {
    const h = await startHarness({ tickets: 20 });
    try {
      const fields = recordsOf(await readAll(h.connector.streams.ticket_fields!));
      const nested = fields.find((f) => f.type === 'nested')!;
      expect(nested.levelKeys).toEqual(['cf_category_level_2', 'cf_category_level_3']);
      const tickets = recordsOf(await readAll(h.connector.streams.tickets!));
      const three = tickets.find((t) => t.customFields.cf_category_level_3);
      expect(three?.customFields).toMatchObject({ cf_category: 'Software', cf_category_level_2: 'App' });
    } finally {
      await h.close();
    }
  });

  it('when a ticket is an outbound e-mail (source 10), then its first message is by the responding agent', async () => {
    const h = await startHarness({ tickets: 20 });
    try {
      const t = h.account.ticket(HARD_CASES.outboundEmail);
      let first: unknown;
      for await (const read of h.connector.readComments([t.id])) first = read.comments[0];
      expect(first).toMatchObject({ authorId: t.assigneeId, authorRole: 'agent' });
      expect(t.assigneeId).not.toBe(t.requesterId);
    } finally {
      await h.close();
    }
  });
});

describe('Freshdesk: ticket events from the ticket activities export', () => {
  it('when the export times are read, then "dd-mm-yyyy HH:MM:SS +zzzz" becomes UTC', () => {
    expect(activityTime('09-10-2017 19:34:06 +0530')).toBe('2017-10-09T14:04:06.000Z');
    expect(activityTime('nonsense')).toBeNull();
  });

  it("when the export covers a ticket's days, then its events are read with their changes and no gap is reported", async () => {
    const now = new Date('2014-01-30T12:00:00Z');
    const h = await startHarness({
      tickets: 20,
      emulator: { activityExport: { now: () => now } },
      tuning: { activityNow: () => now },
    });
    try {
      const t = h.account.ticket(2);
      const events = await h.connector.readTicketEvents!(t.id);
      expect(events.length).toBe(h.account.ticketEvents(2).length);
      expect(events[0]).toMatchObject({ ticketId: t.id, createdAt: h.account.ticketEvents(2)[0]!.createdAt });
      expect(events.flatMap((e) => e.changes.map((c) => c.field))).toContain('status');
      expect(await h.connector.ticketEventsGap!(t)).toBeNull();
      // 30 files (one a day) read once for the whole run, not per ticket.
      const calls = h.emulator.stats.byRoute['/export/ticket_activities'];
      await h.connector.readTicketEvents!(h.account.ticket(3).id);
      expect(h.emulator.stats.byRoute['/export/ticket_activities']).toBe(calls);
      expect(calls).toBe(30);
    } finally {
      await h.close();
    }
  });

  it("when a ticket is older than the export's 30 days, then the missing events are a sentence for its line", async () => {
    const now = new Date('2014-02-15T12:00:00Z');
    const h = await startHarness({
      tickets: 20,
      emulator: { activityExport: { now: () => now } },
      tuning: { activityNow: () => now },
    });
    try {
      const t = h.account.ticket(2);
      expect(await h.connector.readTicketEvents!(t.id)).toEqual([]);
      expect(await h.connector.ticketEventsGap!(t)).toMatch(
        /^ticket events before 2014-01-17 not carried: Freshdesk's ticket activity export keeps only the last 30 days$/,
      );
    } finally {
      await h.close();
    }
  });

  it("when the export is off (403), then every ticket's line says why its events are not carried", async () => {
    const h = await startHarness({ tickets: 20, emulator: { activityExport: { enabled: false } } });
    try {
      const t = h.account.ticket(2);
      expect(await h.connector.readTicketEvents!(t.id)).toEqual([]);
      expect(await h.connector.ticketEventsGap!(t)).toMatch(
        /^ticket events not carried: Freshdesk refused its ticket activity export \(403\)/,
      );
      expect(h.emulator.stats.byRoute['/export/ticket_activities']).toBe(1);
    } finally {
      await h.close();
    }
  });
});
