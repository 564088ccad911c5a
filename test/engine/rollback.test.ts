// Rollback (issue 15 §1) against the emulators with the 2.16 validation on: a full run, then a rollback,
// leaves the workspace as it was (what Ferry only matched stays); a crash mid-rollback resumes with nothing
// left and nothing counted twice; a later run creates everything again and verifies clean.
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/engine/context.js';
import { runRollback } from '../../src/engine/rollback/run-rollback.js';
import { planRollback } from '../../src/engine/rollback/scope.js';
import { startOrResumeRollback } from '../../src/engine/rollback/start.js';
import { countItems, finishRollback, getRollback } from '../../src/engine/rollback/state.js';
import { startRunRollback } from '../../src/app/rollback.js';
import { configureRollbackTask, rollbackTask } from '../../src/jobs/tasks/rollback.js';
import { expectNoViolations } from '../../src/sandbox/intercom/index.js';
import { silent, startEngineHarness, type EngineHarness } from './harness.js';

/** What the workspace holds, by id (archived attributes and ticket types left out: they are "gone"). */
function workspace(h: EngineHarness) {
  const s = h.intercom.state;
  const ids = (m: Map<string, unknown>) => [...m.keys()].sort();
  return {
    contacts: ids(s.contacts),
    companies: ids(s.companies),
    tags: ids(s.tags),
    tickets: ids(s.tickets),
    conversations: ids(s.conversations),
    articles: ids(s.articles),
    collections: ids(s.collections),
    dataAttributes: s.dataAttributes
      .filter((a) => !a.archived)
      .map((a) => `${String(a.model)}:${String(a.name)}`),
    ticketTypes: [...s.ticketTypes.values()].filter((t) => !t.archived).map((t) => String(t.id)),
  };
}

describe('rollback of a full run (Freshdesk → Intercom emulator)', () => {
  let h: EngineHarness;
  let migrationId: string;
  let before: ReturnType<typeof workspace>;
  let preexisting: { contact: string; company: string; tag: string };
  let firstRun: ReturnType<typeof workspace>;
  let secondRunId: string;

  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
    await h.startRunner({ extraTasks: [rollbackTask] });
    // Already in the workspace before Ferry: a contact with a migrated user's e-mail (Ferry matches it by
    // Intercom's 409), an unrelated company and a tag whose name a source ticket carries.
    const api = axios.create({
      baseURL: h.intercom.url,
      headers: { Authorization: `Bearer ${h.intercom.accessToken}`, 'Intercom-Version': '2.16' },
    });
    const { email, name } = h.account.contact(0);
    const tagName = Array.from({ length: 20 }, (_, i) => h.account.ticket(i).tags).flat()[0]!;
    preexisting = {
      contact: (await api.post<{ id: string }>('/contacts', { role: 'user', email, name })).data.id,
      company: (await api.post<{ id: string }>('/companies', { company_id: 'crm-77', name: 'Was here' })).data
        .id,
      tag: (await api.post<{ id: string }>('/tags', { name: tagName })).data.id,
    };
    before = workspace(h);
    migrationId = await h.newMigration();
    configureRollbackTask(h.deps);
  });
  afterAll(async () => h?.close());

  const rollBack = async (runId: string | null, afterDelete?: (entity: string, id: string) => void) => {
    const migration = (await getMigration(h.db.knex, migrationId))!;
    const intercom = await h.deps.intercomFor(migration);
    const { rollbackId } = await startOrResumeRollback(h.db.knex, migrationId, runId);
    const done = await runRollback({ db: h.db.knex, intercom, logger: silent, afterDelete }, rollbackId);
    if (done) await finishRollback(h.db.knex, rollbackId, 'completed');
    return rollbackId;
  };

  it(
    'when a full run is rolled back after a crash mid-way, then exactly what Ferry created is gone, each object counted once, and what was there before stays',
    { timeout: 180_000 },
    async () => {
      const status = await h.run(migrationId, 'full', 120_000);
      expect(status.status).toBe('completed');
      firstRun = workspace(h);
      expect(firstRun.tickets.length).toBeGreaterThan(10);
      expect(firstRun.articles.length).toBeGreaterThan(0);
      // The pre-existing contact was matched, not created: the plan keeps it.
      const plan = await planRollback(h.db.knex, migrationId, null, 'tickets');
      const line = (e: string) => plan.find((l) => l.entity === e);
      expect(line('contacts')!.keep).toBeGreaterThanOrEqual(1);
      expect(line('tickets')!.remove).toBe(firstRun.tickets.length);
      expect(line('tags')!.remove).toBe(firstRun.tags.length - before.tags.length);

      // A crash after Intercom deleted the 5th contact, before its outcome was committed.
      let deletes = 0;
      await expect(
        rollBack(null, (entity) => {
          if (entity === 'contacts' && ++deletes === 5) throw new Error('crash');
        }),
      ).rejects.toThrow('crash');
      const rollbackId = await rollBack(null);

      expect(workspace(h)).toEqual(before);
      expect(h.intercom.state.contacts.has(preexisting.contact)).toBe(true);
      expect(h.intercom.state.companies.has(preexisting.company)).toBe(true);
      expect(h.intercom.state.tags.has(preexisting.tag)).toBe(true);
      expectNoViolations(h.intercom);

      const counts = await countItems(h.db.knex, rollbackId);
      expect(counts.tickets!.deleted).toBe(firstRun.tickets.length);
      expect(counts.articles!.deleted).toBe(firstRun.articles.length);
      expect(counts.collections!.deleted).toBe(firstRun.collections.length);
      expect(counts.companies!.deleted).toBe(firstRun.companies.length - before.companies.length);
      // Contacts: those created, once each (the one deleted before the crash answers 404 on resume).
      const createdContacts = firstRun.contacts.length - before.contacts.length;
      expect(counts.contacts!.deleted).toBe(createdContacts);
      expect(counts.contacts!.kept).toBeGreaterThanOrEqual(1);
      expect(counts.contact_attributes!.archived).toBeGreaterThan(0);
      for (const c of Object.values(counts)) expect(c.failed).toBe(0);
      const unverified = await h.db
        .knex('rollback_items')
        .where({ rollback_id: rollbackId, status: 'deleted' })
        .whereNot({ verified: true })
        .count<{ n: string }[]>('* as n');
      expect(Number(unverified[0]!.n)).toBe(0);
      const kept = await h.db
        .knex('rollback_items')
        .where({ rollback_id: rollbackId, entity: 'contacts', status: 'kept' })
        .first<{ target_id: string; reason: string }>('target_id', 'reason');
      expect(kept.target_id).toBe(preexisting.contact);
      expect(kept.reason).toMatch(/existed in Intercom before Ferry/);
      // Rolled-back records are "not migrated" again.
      const left = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, status: 'migrated' })
        .whereIn('entity', [
          'tickets',
          'contacts',
          'companies',
          'articles',
          'collections',
          'comments',
          'parts',
        ])
        .count<{ n: string }[]>('* as n');
      expect(Number(left[0]!.n)).toBe(0);
    },
  );

  it(
    'when the migration runs again after the rollback, then it creates everything again and verification finds no mismatch',
    { timeout: 180_000 },
    async () => {
      const status = await h.run(migrationId, 'full', 120_000);
      secondRunId = status.runId;
      expect(status.lastError).toBeNull();
      expect(status.status).toBe('completed');
      const mismatches = await h.db.knex('run_mismatches').where({ run_id: status.runId, kind: 'mismatch' });
      expect(mismatches).toEqual([]);
      expect(status.verification?.mismatched ?? 0).toBe(0);
      const again = workspace(h);
      expect(again.tickets.length).toBe(firstRun.tickets.length);
      expect(again.articles.length).toBe(firstRun.articles.length);
      expect(again.contacts.length).toBe(firstRun.contacts.length);
      expect(again.dataAttributes.sort()).toEqual([...firstRun.dataAttributes].sort());
      expectNoViolations(h.intercom);
    },
  );

  it(
    'when the operator confirms undoing that run (a job, as the console starts it), then a worker runs the rollback to completion and the workspace is as before',
    { timeout: 180_000 },
    async () => {
      const rollbackId = await startRunRollback(h.db.knex, migrationId, secondRunId, true);
      const deadline = Date.now() + 150_000;
      let rollback = await getRollback(h.db.knex, rollbackId);
      while (rollback?.status === 'running' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        rollback = await getRollback(h.db.knex, rollbackId);
      }
      expect(rollback?.reason ?? null).toBeNull();
      expect(rollback?.status).toBe('completed');
      expect(workspace(h)).toEqual(before);
      const counts = await countItems(h.db.knex, rollbackId);
      expect(counts.tickets!.deleted).toBe(firstRun.tickets.length);
      for (const c of Object.values(counts)) expect(c.failed).toBe(0);
      expectNoViolations(h.intercom);
    },
  );
});
