import { afterEach, describe, expect, it } from 'vitest';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { startIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { createIntercomClient } from '../../src/intercom/index.js';
import { startEngineHarness, silent, type EngineHarness } from './harness.js';
import { workerUntilKilled } from './kill-worker.js';
import {
  expectCleanIntercomTraffic,
  expectCountsAddUp,
  expectEachTicketOnce,
  expectNoDoubledParts,
} from './checks.js';

// Longer than a killed worker's job takes to be picked up again (staleAfterSeconds 3 + polling), so the
// resumed run reconciles while the objects the dead worker created are still missing from search.
const LAG_MS = 6_000;
const SETTLE_MS = 7_000;

/** No source record became two Intercom objects, of any kind. */
async function expectNoDuplicates(h: EngineHarness, migrationId: string, target: string): Promise<void> {
  const s = h.intercom.state;
  const contactKeys = [...s.contacts.values()].map((c) =>
    String(c.email ?? `external:${String(c.external_id)}`).toLowerCase(),
  );
  expect(contactKeys.length - new Set(contactKeys).size, 'doubled contacts').toBe(0);
  const companyIds = [...s.companies.values()].map((c) => String(c.company_id));
  expect(companyIds.length - new Set(companyIds).size, 'doubled companies').toBe(0);
  const tags = [...s.tags.values()].map((t) => String(t.name).toLowerCase());
  expect(tags.length - new Set(tags).size, 'doubled tags').toBe(0);
  if (target === 'tickets') {
    await expectEachTicketOnce(h.db.knex, h.intercom, migrationId);
    expectNoDoubledParts(h.intercom);
    return;
  }
  const migrated = await h.db
    .knex('ledger')
    .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
    .pluck<string[]>('target_id');
  expect(s.conversations.size).toBe(migrated.length);
  const opened = [...s.conversations.values()].map(
    (c) => `${c.contactIds.join(',')}|${String(c.created_at)}`,
  );
  expect(opened.length - new Set(opened).size, 'doubled conversations').toBe(0);
  for (const c of s.conversations.values()) {
    const keys = c.parts
      .filter((p) => p.part_type === 'comment' || p.part_type === 'note')
      .map((p) => `${p.created_at}|${p.author.id}|${p.part_type}|${p.body}`);
    expect(keys.length - new Set(keys).size, `conversation ${String(c.id)} has a doubled part`).toBe(0);
  }
}

describe("reconciliation with Intercom's search lagging writes", () => {
  it('when an object was created less than the lag ago, then the emulator search does not find it; later it does', async () => {
    const intercom = await startIntercomEmulator({ searchLagMs: 400 });
    try {
      const client = createIntercomClient({
        accessToken: intercom.accessToken,
        baseUrl: intercom.url,
        logger: silent,
      });
      const contact = await client.createContact({ role: 'user', email: 'lag@example.test' });
      const query = {
        query: { field: 'email', operator: '=' as const, value: 'lag@example.test' },
      };
      expect((await client.searchContacts(query)).data).toEqual([]);
      // A read by id, by external id or by company_id does not lag (2.16 ShowContactByExternalId, GET
      // /companies?company_id=), and answers null when there is nothing.
      expect((await client.getContact(contact.id)).id).toBe(contact.id);
      const user = await client.createContact({ role: 'user', external_id: 'freshdesk:77' });
      expect(await client.findContactByExternalId('freshdesk:77')).toBe(user.id);
      expect(await client.findContactByExternalId('freshdesk:78')).toBeNull();
      const company = await client.upsertCompany({ company_id: 'freshdesk:5', name: 'Acme' });
      expect(await client.findCompany('freshdesk:5')).toBe(company.id);
      expect(await client.findCompany('freshdesk:6')).toBeNull();
      expect(intercom.state.violations).toEqual([]);
      await new Promise((r) => setTimeout(r, 450));
      expect((await client.searchContacts(query)).data.map((c) => c.id)).toEqual([contact.id]);
    } finally {
      await intercom.close();
    }
  });

  let h: EngineHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const cases = [
    { write: 'ticket create', kill: 'tickets:3', target: 'tickets' },
    { write: 'conversation create', kill: 'tickets:3', target: 'conversations' },
    { write: 'contact create', kill: 'contacts:3', target: 'tickets' },
    { write: 'company create', kill: 'companies:2', target: 'tickets' },
    { write: 'reply (part)', kill: 'parts:6', target: 'conversations' },
    { write: 'tag', kill: 'tags:2', target: 'tickets' },
  ] as const;
  for (const c of cases) {
    it(
      `when the worker is killed right after a ${c.write} (${c.target}) and search lags ${LAG_MS / 1000} s, then the resumed run makes no duplicate`,
      { timeout: 150_000 },
      async () => {
        h = await startEngineHarness({ tickets: 20, searchLagMs: LAG_MS, searchSettleMs: SETTLE_MS });
        const migrationId = await h.newMigration({
          entities: ['contacts', 'companies', 'tickets'],
          target: c.target,
          filters: { createdFrom: h.account.ticket(8).createdAt },
        });
        const runId = await startRun(h.db.knex, migrationId, 'full');
        expect(await workerUntilKilled(h, c.kill)).toBe('SIGKILL');
        await h.startRunner();
        const status = await waitForRun(h.db.knex, runId, {
          pollMs: 100,
          signal: AbortSignal.timeout(120_000),
        });
        expect(status.status, status.lastError ?? '').toBe('completed');
        await expectCountsAddUp(h.db.knex, status);
        await expectNoDuplicates(h, migrationId, c.target);
        expectCleanIntercomTraffic(h.intercom);
        const failed = await h.db
          .knex('ledger')
          .where({ last_run_id: runId, status: 'failed' })
          .select('entity', 'source_id', 'reason');
        expect(failed).toEqual([]);
      },
    );
  }
});
