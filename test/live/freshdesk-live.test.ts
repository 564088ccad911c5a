// Live catch-up from Freshdesk: its automation webhooks are unsigned, so the admin's rule posts to a URL with a
// long random token; a delivery with the right token queues the ticket, a wrong token is refused with
// nothing queued, and cutover ends live mode (the admin deletes the rules: Ferry cannot).
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentParts, expectNoDoubledParts, objectOf } from '../engine/checks.js';
import {
  freshdeskAutomationSteps,
  getFollow,
  startFollowing,
  stopFollowing,
} from '../../src/app/live/follow.js';
import { startLiveWorld, type LiveWorld } from './world.js';

describe('live catch-up from Freshdesk automation webhooks', () => {
  let w: LiveWorld;
  let migrationId: string;
  let url: string;
  beforeAll(async () => {
    w = await startLiveWorld({ tickets: 20 });
    migrationId = await w.h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      target: 'tickets',
      filters: { createdFrom: w.h.account.ticket(8).createdAt },
    });
    const full = await w.h.run(migrationId, 'full', 120_000);
    expect(full.status, full.lastError ?? '').toBe('completed');
  }, 180_000);
  afterAll(async () => w?.close());

  it('when the admin consents, then Ferry gives a tokened URL and the automation rule to create', async () => {
    const follow = await startFollowing(w.live, migrationId);
    expect(follow.status).toBe('following');
    url = follow.automationUrl!;
    expect(url).toMatch(new RegExp(`^${w.liveUrl}/webhooks/source/${migrationId}/[A-Za-z0-9_-]{43}$`));
    const steps = freshdeskAutomationSteps(url).join('\n');
    expect(steps).toContain(url);
    expect(steps).toContain('{"ticket_id": "{{ticket.id}}"}');
    // The admin follows the instructions.
    w.h.freshdesk.automations.add(url, '{"ticket_id": "{{ticket.id}}"}');
  });

  it(
    'when a ticket gets a comment, then the automation delivery appends it in Intercom',
    { timeout: 120_000 },
    async () => {
      const id = w.h.account.ticket(10).id;
      const before = commentParts(objectOf(w.h.intercom, 'tickets', 'freshdesk', id).parts).length;
      await new Promise((r) => setTimeout(r, 1_100));
      w.h.account.addComment(10, 'Written in Freshdesk while following');
      w.h.freshdesk.reindex();
      expect(await w.h.freshdesk.automations.deliver(id)).toEqual([200]);
      await w.settled(migrationId);
      const parts = commentParts(objectOf(w.h.intercom, 'tickets', 'freshdesk', id).parts);
      expect(parts.length).toBe(before + 1);
      expect(parts.at(-1)?.body).toContain('Written in Freshdesk while following');
      expectNoDoubledParts(w.h.intercom);
    },
  );

  it('when a delivery carries a wrong token, then it is refused and nothing is queued', async () => {
    const wrong = url.replace(/[^/]+$/, 'A'.repeat(43));
    const res = await request(wrong)
      .post('')
      .send({ ticket_id: w.h.account.ticket(11).id });
    expect(res.status).toBe(401);
    const short = await request(url.replace(/[^/]+$/, 'x'))
      .post('')
      .send({ ticket_id: '1' });
    expect(short.status).toBe(401);
    expect(await w.h.db.knex('live_pending').where({ migration_id: migrationId })).toEqual([]);
  });

  it(
    'when the admin cuts over, then live mode ends and the URL is refused',
    { timeout: 120_000 },
    async () => {
      const { lastSweepRunId } = await stopFollowing(w.live, migrationId);
      expect(lastSweepRunId).not.toBeNull();
      expect((await getFollow(w.h.db.knex, migrationId))?.status).toBe('stopped');
      await w.settled(migrationId);
      const late = await request(url)
        .post('')
        .send({ ticket_id: w.h.account.ticket(11).id });
      expect(late.status).toBe(404);
    },
  );
});
