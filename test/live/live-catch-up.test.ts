// Live catch-up (issue 16) end to end: a full run from the Zendesk emulator, then Ferry follows the source
// through the webhooks it creates there; signed deliveries queue ids, debounced targeted deltas apply them,
// a sweep catches what no delivery announced, and cutover removes the subscription.
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHarness } from '../engine/harness.js';
import { commentParts, expectNoDoubledParts, objectOf, targetsBySourceId } from '../engine/checks.js';
import { sealContext, type Cipher } from '../../src/crypto.js';
import {
  endLiveModeOfWorkspace,
  getFollow,
  startFollowing,
  stopFollowing,
  sweep,
  type LiveDeps,
} from '../../src/app/live/follow.js';
import { uninstallWorkspace } from '../../src/app/uninstall.js';
import { dbWorkspaces } from '../../src/app/db-ports.js';
import { signBody } from '../../src/intercom/signature.js';
import { waitForRun } from '../../src/app/runs.js';
import { RetryableError } from '../../src/errors.js';
import { startLiveWorld, type LiveWorld } from './world.js';

describe('live catch-up from Zendesk webhooks until cutover', () => {
  let w: LiveWorld;
  let h: EngineHarness;
  let liveUrl: string;
  let live: LiveDeps;
  let cipher: Cipher;
  let migrationId: string;
  /** Armed, the next comment part written to Intercom fails its job before the ledger commit (a crash). */
  let crashArmed = false;
  let crashed = false;

  beforeAll(async () => {
    w = await startLiveWorld({
      tickets: 24,
      zendesk: { exportPerMinute: 600 },
      crashHook: (key) => {
        if (!crashArmed || key.entity !== 'parts') return;
        crashArmed = false;
        crashed = true;
        throw new RetryableError('simulated crash between an Intercom write and its ledger commit');
      },
    });
    ({ h, liveUrl, live, cipher } = w);
    migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      target: 'tickets',
      // From ticket 9 on: the 600-comment ticket (index 7) only slows this test down.
      filters: { createdFrom: h.account.ticket(8).createdAt },
    });
    const full = await h.run(migrationId, 'full', 120_000);
    expect(full.status, full.lastError ?? '').toBe('completed');
  }, 180_000);
  afterAll(async () => w?.close());

  const zendesk = () => h.zendesk!;
  const ticketId = (i: number) => h.account.ticket(i).id;
  const partsOf = (sourceId: string) =>
    commentParts(objectOf(h.intercom, 'tickets', 'zendesk', sourceId).parts);
  const pending = async () => Number((await h.db.knex('live_pending').count({ n: '*' }))[0]!.n);
  const targetedRuns = async () =>
    h.db
      .knex('runs')
      .where({ migration_id: migrationId })
      .whereRaw(`plan->'targets' is not null`)
      .select('id', 'status');

  const settled = () => w.settled(migrationId);

  /** A delivery signed as the emulator signs them, with one of the migration's stored secrets. */
  async function signed(body: string, timestamp: string) {
    const follow = (await getFollow(h.db.knex, migrationId))!;
    const secret = cipher.decrypt(
      follow.subscription.webhooks[0]!.secretEnc!,
      sealContext.liveWebhookSecret(migrationId),
    );
    const signature = createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64');
    return request(liveUrl)
      .post(`/webhooks/source/${migrationId}`)
      .set('Content-Type', 'application/json')
      .set('X-Zendesk-Webhook-Signature', signature)
      .set('X-Zendesk-Webhook-Signature-Timestamp', timestamp)
      .send(body);
  }

  it('when the admin consents, then Ferry creates the webhooks and the ticket trigger in Zendesk', async () => {
    const follow = await startFollowing(live, migrationId);
    expect(follow.status).toBe('following');
    expect(zendesk().webhooks.state()).toEqual({ webhooks: 2, triggers: 1 });
    // The secrets are kept sealed, never in the clear.
    expect(JSON.stringify(follow.subscription)).not.toMatch(/"secret"/);
  });

  it(
    'when a comment is added, a ticket changes and a ticket is created, then their deliveries are applied as a targeted delta',
    { timeout: 120_000 },
    async () => {
      const commented = ticketId(10);
      const changed = ticketId(11);
      const before = partsOf(commented).length;
      const changedParts = partsOf(changed).length;
      h.account.addComment(10, 'Written after the full run');
      h.account.changeTicket(11, { subject: 'Changed while following', status: 'solved' });
      const added = h.account.addTicket(12, 'Created while following');
      zendesk().reindex();
      const statuses = [
        ...(await zendesk().webhooks.deliver({ kind: 'ticket', id: commented, what: 'comment_added' })),
        ...(await zendesk().webhooks.deliver({ kind: 'ticket', id: changed, what: 'status_changed' })),
        ...(await zendesk().webhooks.deliver({ kind: 'ticket', id: added, what: 'created' })),
      ];
      expect(statuses).toEqual([200, 200, 200]);
      await settled();

      expect(partsOf(commented).length).toBe(before + 1);
      expect(partsOf(commented).at(-1)?.body).toContain('Written after the full run');
      const t = objectOf(h.intercom, 'tickets', 'zendesk', changed);
      expect((t.ticket_attributes as Record<string, unknown>)._default_title_).toBe(
        'Changed while following',
      );
      expect(partsOf(changed).length).toBe(changedParts);
      expect(partsOf(added).length).toBeGreaterThan(0);
      expectNoDoubledParts(h.intercom);
      const runs = await targetedRuns();
      expect(runs.every((r) => r.status === 'completed')).toBe(true);
    },
  );

  it(
    'when a user is created in Zendesk, then its delivery creates the contact in Intercom',
    { timeout: 120_000 },
    async () => {
      const email = 'new.while.following@example.com';
      const id = h.account.addContact('Newly Following', email);
      zendesk().reindex();
      expect(await zendesk().webhooks.deliver({ kind: 'user', id, what: 'created' })).toEqual([200]);
      await settled();
      const made = [...h.intercom.state.contacts.values()].filter((c) => c['email'] === email);
      expect(made).toHaveLength(1);
      const row = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'contacts', source_id: id })
        .first<{ status: string }>();
      expect(row.status).toBe('migrated');
    },
  );

  it(
    'when a targeted delta crashes between an Intercom write and its ledger commit, then it resumes with nothing doubled',
    { timeout: 120_000 },
    async () => {
      const id = ticketId(21);
      const before = partsOf(id).length;
      h.account.addComment(21, 'First of two, written while crashing');
      h.account.addComment(21, 'Second of two');
      zendesk().reindex();
      crashArmed = true;
      await zendesk().webhooks.deliver({ kind: 'ticket', id, what: 'comment_added' });
      await settled();
      expect(crashed).toBe(true);
      const parts = partsOf(id);
      expect(parts.length).toBe(before + 2);
      expect(parts.at(-2)?.body).toContain('First of two');
      expect(parts.at(-1)?.body).toContain('Second of two');
      expectNoDoubledParts(h.intercom);
      const runs = await targetedRuns();
      expect(runs.every((r) => r.status === 'completed')).toBe(true);
    },
  );

  it(
    'when a burst of 1,000 changes arrives, then it coalesces into at most two targeted deltas and each change is applied once',
    { timeout: 180_000 },
    async () => {
      const runsBefore = (await targetedRuns()).length;
      const callsBefore = h.intercom.stats().requests;
      // The migrated tickets among these (the sample deletes a few in the source).
      const burst = [13, 14, 15, 17, 18, 19, 20].filter((i) =>
        targetsBySourceId(h.intercom, 'tickets').has(`zendesk:${ticketId(i)}`),
      );
      expect(burst.length).toBeGreaterThanOrEqual(3);
      const ids = burst.map(ticketId);
      const before = new Map(ids.map((id) => [id, partsOf(id).length]));
      // 1,000 changes, each announced by its own delivery: every 10th a new comment, the rest subject edits
      // (only the last of them counts), spread round-robin over the tickets.
      const CHANGES = 1_000;
      const comments = new Map(ids.map((id) => [id, 0]));
      const lastSubject = new Map<string, string>();
      const deliveries: Promise<number[]>[] = [];
      for (let k = 0; k < CHANGES; k++) {
        const i = burst[k % burst.length]!;
        const id = ticketId(i);
        if (k % 10 === 0) {
          h.account.addComment(i, `Burst comment ${k} on ${i}`);
          comments.set(id, comments.get(id)! + 1);
        } else {
          lastSubject.set(id, `Burst subject ${k}`);
          h.account.changeTicket(i, { subject: `Burst subject ${k}` });
        }
        zendesk().reindex();
        const what = k % 10 === 0 ? 'comment_added' : 'subject_changed';
        deliveries.push(zendesk().webhooks.deliver({ kind: 'ticket', id, what }));
      }
      expect((await Promise.all(deliveries)).flat().every((s) => s === 200)).toBe(true);
      await settled();
      for (const id of ids) {
        expect(partsOf(id).length).toBe(before.get(id)! + comments.get(id)!);
        const t = objectOf(h.intercom, 'tickets', 'zendesk', id);
        expect((t.ticket_attributes as Record<string, unknown>)._default_title_).toBe(lastSubject.get(id));
      }
      expectNoDoubledParts(h.intercom);
      // A thousand deliveries, a debounced job or two: never one run per delivery.
      const runs = (await targetedRuns()).length - runsBefore;
      expect(runs).toBeGreaterThanOrEqual(1);
      expect(runs).toBeLessThanOrEqual(2);
      // At most two targeted passes' worth of Intercom calls per changed ticket: a pass costs one call per new
      // comment plus a few for the ticket itself (read, update, state), never one per delivery.
      const calls = h.intercom.stats().requests - callsBefore;
      const newComments = [...comments.values()].reduce((a, b) => a + b, 0);
      console.info(
        `burst: ${CHANGES} changes on ${ids.length} tickets, ${runs} targeted runs, ${calls} Intercom calls ` +
          `(${(calls / ids.length).toFixed(1)} a ticket, ${newComments} of them new comments)`,
      );
      expect(calls).toBeLessThanOrEqual(2 * (newComments + 5 * ids.length));
    },
  );

  it('when deliveries are forged, replayed or oversized, then they are refused and nothing is queued', async () => {
    const body = JSON.stringify({ subject: `zen:ticket:${ticketId(16)}`, detail: { id: ticketId(16) } });
    const now = new Date().toISOString();
    const forged = await request(liveUrl)
      .post(`/webhooks/source/${migrationId}`)
      .set('Content-Type', 'application/json')
      .set(
        'X-Zendesk-Webhook-Signature',
        createHmac('sha256', 'guessed')
          .update(now + body)
          .digest('base64'),
      )
      .set('X-Zendesk-Webhook-Signature-Timestamp', now)
      .send(body);
    expect(forged.status).toBe(401);
    const unsigned = await request(liveUrl)
      .post(`/webhooks/source/${migrationId}`)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(unsigned.status).toBe(401);
    const replayed = await signed(body, new Date(Date.now() - 10 * 60_000).toISOString());
    expect(replayed.status).toBe(401);
    const huge = JSON.stringify({ subject: `zen:ticket:${ticketId(16)}`, pad: 'x'.repeat(1_100_000) });
    const oversized = await signed(huge, now);
    expect(oversized.status).toBe(413);
    expect(await pending()).toBe(0);
    // A genuine delivery to the same URL is taken (so the refusals above were for their faults alone).
    const genuine = await signed(body, new Date().toISOString());
    expect(genuine.status).toBe(200);
    await settled();
  });

  it(
    'when a delivery is lost and a ticket is deleted, then the sweep applies the change and reports the deletion',
    { timeout: 120_000 },
    async () => {
      // The last tickets: the emulator's export finds its start by bisecting tickets in index order, so the
      // changed ones must stay the newest.
      const changed = ticketId(23);
      const gone = ticketId(22);
      // Index 23: no delivery is sent (lost on purpose). Zendesk runs no trigger on a deletion.
      await new Promise((r) => setTimeout(r, 1_100));
      h.account.deleteTicket(22);
      h.account.changeTicket(23, { subject: 'Changed with its delivery lost' });
      zendesk().reindex();
      expect(await sweep(h.db.knex, migrationId)).toBe('started');
      await settled();
      const t = objectOf(h.intercom, 'tickets', 'zendesk', changed);
      expect((t.ticket_attributes as Record<string, unknown>)._default_title_).toBe(
        'Changed with its delivery lost',
      );
      const row = await h.db
        .knex('ledger')
        .where({ migration_id: migrationId, entity: 'tickets', source_id: gone })
        .first<{ status: string; reason: string }>();
      expect(row.status).toBe('skipped');
      expect(row.reason).toMatch(/deleted in the source/);
    },
  );

  it(
    'when the admin cuts over, then the webhooks and trigger are removed and a last sweep runs',
    { timeout: 120_000 },
    async () => {
      const { lastSweepRunId } = await stopFollowing(live, migrationId);
      expect(zendesk().webhooks.state()).toEqual({ webhooks: 0, triggers: 0 });
      expect((await getFollow(h.db.knex, migrationId))?.status).toBe('stopped');
      expect(lastSweepRunId).not.toBeNull();
      const last = await waitForRun(h.db.knex, lastSweepRunId!, {
        pollMs: 100,
        signal: AbortSignal.timeout(90_000),
      });
      expect(last.status, last.lastError ?? '').toBe('completed');
      // After cutover the endpoint knows the migration no more.
      const late = await signed(
        JSON.stringify({ subject: `zen:ticket:${ticketId(9)}` }),
        new Date().toISOString(),
      );
      expect(late.status).toBe(404);
    },
  );

  it('when Ferry is uninstalled while following, then the subscription is removed from Zendesk and live mode ends', async () => {
    await startFollowing(live, migrationId);
    expect(zendesk().webhooks.state()).toEqual({ webhooks: 2, triggers: 1 });
    const secret = 'uninstall-test-client-secret';
    const raw = Buffer.from(JSON.stringify({ app_id: h.intercom.state.app.id_code }));
    const outcome = await uninstallWorkspace(
      {
        workspaces: dbWorkspaces(h.db.knex),
        clientSecret: secret,
        endLiveMode: (workspaceId) => endLiveModeOfWorkspace(live, workspaceId),
      },
      { rawBody: raw, signature: signBody(raw, secret), body: JSON.parse(raw.toString()) },
    );
    expect(outcome).toBe('uninstalled');
    expect(zendesk().webhooks.state()).toEqual({ webhooks: 0, triggers: 0 });
    expect((await getFollow(h.db.knex, migrationId))?.status).toBe('stopped');
  });
});
