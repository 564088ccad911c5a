// Rollback of the attributes Ferry created (issue 15 §1) against the emulators with the 2.16 validation on:
// conversation attributes (2.16 can only archive them, for good) are renamed and archived so their names are
// free, resumably; attributes Ferry added to a ticket type that was there before are archived, the type and
// its own attributes untouched. A later run recreates (or unarchives) them and verifies clean.
import axios, { type AxiosInstance } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMigration } from '../../src/engine/context.js';
import { listCreated } from '../../src/engine/created-objects.js';
import { runRollback } from '../../src/engine/rollback/run-rollback.js';
import { planRollback } from '../../src/engine/rollback/scope.js';
import { startOrResumeRollback } from '../../src/engine/rollback/start.js';
import { countItems, finishRollback } from '../../src/engine/rollback/state.js';
import { expectNoViolations } from '../../src/sandbox/intercom/index.js';
import type { Obj } from '../../src/sandbox/intercom/state.js';
import { silent, startEngineHarness, type EngineHarness } from './harness.js';

type Hooks = Pick<Parameters<typeof runRollback>[0], 'afterRename'>;

async function rollBack(h: EngineHarness, migrationId: string, hooks: Hooks = {}): Promise<string> {
  const migration = (await getMigration(h.db.knex, migrationId))!;
  const intercom = await h.deps.intercomFor(migration);
  const { rollbackId } = await startOrResumeRollback(h.db.knex, migrationId, null);
  const done = await runRollback({ db: h.db.knex, intercom, logger: silent, ...hooks }, rollbackId);
  if (done) await finishRollback(h.db.knex, rollbackId, 'completed');
  return rollbackId;
}

async function expectCleanRun(h: EngineHarness, migrationId: string): Promise<void> {
  const status = await h.run(migrationId, 'full', 150_000);
  expect(status.lastError).toBeNull();
  expect(status.status).toBe('completed');
  expect(await h.db.knex('run_mismatches').where({ run_id: status.runId, kind: 'mismatch' })).toEqual([]);
  expect(status.verification?.mismatched ?? 0).toBe(0);
  expectNoViolations(h.intercom);
}

function apiOf(h: EngineHarness): AxiosInstance {
  return axios.create({
    baseURL: h.intercom.url,
    headers: { Authorization: `Bearer ${h.intercom.accessToken}`, 'Intercom-Version': '2.16' },
  });
}

const outcomes = (archived: number, deleted = 0) => ({ deleted, archived, kept: 0, failed: 0 });

/** The sample account's mappable ticket fields, each to be created as an attribute. */
function ticketFields(h: EngineHarness) {
  return h.account
    .fields('ticket')
    .filter((f) => !f.system && f.type !== 'partialcreditcard')
    .map((f) => ({ scope: 'ticket' as const, key: f.key, attribute: f.title, create: true }));
}

describe('rollback of the conversation attributes Ferry created', () => {
  let h: EngineHarness;
  let migrationId: string;
  let createdNames: string[];

  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
    await h.startRunner();
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      target: 'conversations',
      // From ticket 13 on: a few tickets are enough (and the 600-comment one, index 7, only slows it down).
      filters: { createdFrom: h.account.ticket(12).createdAt },
      mappings: { fields: ticketFields(h) },
    });
  });
  afterAll(async () => h?.close());

  const live = () => h.intercom.state.conversationAttributes.filter((a) => !a.archived);

  it(
    'when a conversations run is rolled back with a crash between a rename and its archive, then every attribute Ferry created is renamed once and archived (one an admin archived meanwhile too; one gone counts as done), and the original names are free',
    { timeout: 180_000 },
    async () => {
      await expectCleanRun(h, migrationId);
      createdNames = live().map((a) => String(a.name));
      expect(createdNames).toContain('ferry_source_id');
      expect(createdNames.length).toBeGreaterThan(2);
      const plan = await planRollback(h.db.knex, migrationId, null, 'conversations');
      expect(plan.find((l) => l.entity === 'conversation_attributes')).toEqual({
        entity: 'conversation_attributes',
        remove: createdNames.length,
        keep: 0,
      });

      let crashedId = '';
      await expect(
        rollBack(h, migrationId, {
          afterRename: (id) => {
            crashedId = id;
            throw new Error('crash');
          },
        }),
      ).rejects.toThrow('crash');
      const crashed = h.intercom.state.conversationAttributes.find((a) => String(a.id) === crashedId)!;
      expect(crashed.archived).toBe(false);
      expect(String(crashed.name)).toMatch(/ \(removed by Ferry [0-9a-f]{8}\)$/);
      // Meanwhile an admin archives another one (it still holds its name), and a third one is gone.
      const api = apiOf(h);
      const [byAdmin, vanished] = live().filter((a) => String(a.id) !== crashedId);
      await api.delete(`/conversations/attributes/${String(byAdmin!.id)}`);
      const state = h.intercom.state;
      state.conversationAttributes.splice(state.conversationAttributes.indexOf(vanished!), 1);

      const rollbackId = await rollBack(h, migrationId);
      expect(live()).toEqual([]);
      const archived = state.conversationAttributes;
      const stillThere = createdNames.filter((n) => n !== vanished!.name);
      expect(
        archived.map((a) => String(a.name).replace(/ \(removed by Ferry [0-9a-f]{8}\)$/, '')).sort(),
      ).toEqual(stillThere.sort());
      // Renamed once: the resumed rollback archived the crashed one without renaming it again; the one the
      // admin archived was renamed too, so its name is free as well.
      for (const a of archived) expect(String(a.name).match(/removed by Ferry/g)).toHaveLength(1);
      // 2.16's list leaves archived attributes out unless asked for them.
      const listed = await api.get<{ data: Obj[] }>('/conversations/attributes');
      expect(listed.data.data).toEqual([]);
      const all = await api.get<{ data: Obj[] }>('/conversations/attributes', {
        params: { include_archived: true },
      });
      expect(all.data.data).toHaveLength(stillThere.length);

      const counts = await countItems(h.db.knex, rollbackId);
      expect(counts.conversation_attributes).toEqual(outcomes(stillThere.length, 1));
      const lineOf = async (id: unknown) =>
        h.db
          .knex('rollback_items')
          .where({ rollback_id: rollbackId, entity: 'conversation_attributes', target_id: String(id) })
          .first<{ status: string; reason: string }>('status', 'reason');
      const line = await lineOf(crashedId);
      expect(line.status).toBe('archived');
      expect(line.reason).toContain(`renamed to "${String(crashed.name)}" and archived`);
      expect(line.reason).toMatch(/cannot delete a conversation attribute/);
      expect((await lineOf(byAdmin!.id)).reason).toContain(`renamed to "${String(byAdmin!.name)}"`);
      expect(await lineOf(vanished!.id)).toEqual({
        status: 'deleted',
        reason: 'already gone from Intercom (404)',
      });
      const recorded = await listCreated(h.db.knex, migrationId, ['conversation_attributes'], null, true);
      expect(recorded.map((o) => o.name).sort()).toEqual(stillThere.sort());
      expect(h.intercom.state.conversations.size).toBe(0);
      expectNoViolations(h.intercom);
    },
  );

  it(
    'when the migration runs again after the rollback, then it creates the attributes afresh under their names and verification finds no mismatch',
    { timeout: 180_000 },
    async () => {
      const archivedIds = new Set(h.intercom.state.conversationAttributes.map((a) => String(a.id)));
      await expectCleanRun(h, migrationId);
      expect(
        live()
          .map((a) => String(a.name))
          .sort(),
      ).toEqual([...createdNames].sort());
      for (const a of live()) expect(archivedIds.has(String(a.id))).toBe(false);
      expect(h.intercom.state.conversations.size).toBeGreaterThan(0);
      // The new ones are Ferry's too: a second rollback would archive them.
      expect(await listCreated(h.db.knex, migrationId, ['conversation_attributes'])).toHaveLength(
        createdNames.length,
      );
    },
  );
});

describe('rollback of the attributes Ferry added to a ticket type that was there before', () => {
  let h: EngineHarness;
  let migrationId: string;
  let typeId: string;
  let ownAttributeId: string;
  let addedIds: string[];

  const attributes = () =>
    (h.intercom.state.ticketTypes.get(typeId)!.attributes as Obj[]).map((a) => ({
      id: String(a.id),
      name: String(a.name),
      archived: a.archived === true,
    }));

  beforeAll(async () => {
    h = await startEngineHarness({ tickets: 20 });
    await h.startRunner();
    const api = apiOf(h);
    typeId = String((await api.post<Obj>('/ticket_types', { name: 'Migrated ticket' })).data.id);
    ownAttributeId = String(
      (
        await api.post<Obj>(`/ticket_types/${typeId}/attributes`, {
          name: 'Internal note',
          description: 'The admin’s own',
          data_type: 'string',
        })
      ).data.id,
    );
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      filters: { createdFrom: h.account.ticket(12).createdAt },
      mappings: { fields: ticketFields(h) },
    });
  });
  afterAll(async () => h?.close());

  it(
    'when a run that added attributes to it is rolled back, then exactly the added ones are archived, and the ticket type and its own attribute stay',
    { timeout: 180_000 },
    async () => {
      await expectCleanRun(h, migrationId);
      expect(h.intercom.state.ticketTypes.size).toBe(1);
      const recorded = await listCreated(h.db.knex, migrationId, ['ticket_type_attributes', 'ticket_types']);
      addedIds = attributes()
        .filter((a) => a.id !== ownAttributeId)
        .map((a) => a.id);
      expect(addedIds.length).toBeGreaterThan(2);
      expect(recorded.map((o) => o.target_id).sort()).toEqual([...addedIds].sort());
      for (const o of recorded)
        expect(o).toMatchObject({ kind: 'ticket_type_attributes', parent_id: typeId });

      const rollbackId = await rollBack(h, migrationId);
      for (const a of attributes()) expect(a.archived).toBe(a.id !== ownAttributeId);
      expect(h.intercom.state.ticketTypes.get(typeId)!.archived).toBe(false);
      expect(h.intercom.state.tickets.size).toBe(0);
      const counts = await countItems(h.db.knex, rollbackId);
      expect(counts.ticket_type_attributes).toEqual(outcomes(addedIds.length));
      expect(counts.ticket_types).toBeUndefined();
      expectNoViolations(h.intercom);
    },
  );

  it(
    'when the migration runs again after the rollback, then it takes the same attributes back out of the archive, creates none twice, and verifies clean',
    { timeout: 180_000 },
    async () => {
      await expectCleanRun(h, migrationId);
      expect(attributes().filter((a) => a.archived)).toEqual([]);
      expect(
        attributes()
          .map((a) => a.id)
          .sort(),
      ).toEqual([ownAttributeId, ...addedIds].sort());
      expect(h.intercom.state.tickets.size).toBeGreaterThan(0);
      const recorded = await listCreated(h.db.knex, migrationId, ['ticket_type_attributes']);
      expect(recorded).toHaveLength(addedIds.length);
    },
  );
});
