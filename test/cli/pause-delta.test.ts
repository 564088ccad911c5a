import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageName } from '../../canvas/i18n/stages.js';
import type { SampleAccount } from '../../src/sandbox/sample-account/index.js';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../../src/sandbox/zendesk/index.js';
import { footprint } from './checks.js';
import { startCliWorld, ZENDESK_ADMIN, type CliWorld } from './world.js';

/**
 * The account with one more public comment from the requester on ticket `index`, written at `at`. Tickets
 * after it are touched at `at` too: the emulator's export finds its start by bisecting updatedAt in index order.
 */
function withNewComment(base: SampleAccount, index: number, at: Date): SampleAccount {
  const ticket = base.ticket(index);
  return {
    ...base,
    ticket: (i) => (i >= index ? { ...base.ticket(i), updatedAt: at.toISOString() } : base.ticket(i)),
    commentCount: (i) => base.commentCount(i) + (i === index ? 1 : 0),
    comments: (i) =>
      i !== index
        ? base.comments(i)
        : [
            ...base.comments(i),
            {
              id: '990000001',
              ticketId: ticket.id,
              authorId: ticket.requesterId,
              authorRole: 'end-user',
              public: true,
              html: '<p>One more thing after the migration</p>',
              plain: 'One more thing after the migration',
              createdAt: at.toISOString(),
              attachments: [],
              ccEmails: [],
            },
          ],
  };
}

describe('ferry migrate: Ctrl-C pauses, the same command resumes, --delta catches up', () => {
  let w: CliWorld;
  let changed: RunningZendeskEmulator | null = null;
  const name = ['--migration', 'cli pause test'];
  beforeAll(async () => {
    w = await startCliWorld();
  });
  afterAll(async () => {
    await changed?.close();
    await w?.close();
  });

  it(
    'when SIGINT arrives during a full run, then it exits 3; the same command resumes it to completion, each ticket once',
    { timeout: 240_000 },
    async () => {
      let signalled = false;
      const paused = await w.ferry(w.zendeskArgs(name), {
        onStderr: (text, child) => {
          if (!signalled && text.includes(`stage: ${stageName('tickets')}`)) {
            signalled = true;
            child.kill('SIGINT');
          }
        },
      });
      expect(paused.code, paused.stderr).toBe(3);
      expect(paused.stderr).toContain('Paused with Ctrl-C');
      const run = await w.db.knex('runs').first<{ id: string; status: string }>('id', 'status');
      expect(run?.status).toBe('paused');

      const resumed = await w.ferry(w.zendeskArgs(name));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`Resuming full run ${run!.id}`);
      const runs = await w.db.knex('runs').select<{ status: string }[]>('status');
      expect(runs).toEqual([{ status: 'completed' }]);
      const migrated = await w.db
        .knex('ledger')
        .where({ entity: 'tickets', status: 'migrated' })
        .select<{ target_id: string }[]>('target_id');
      expect(w.intercom.state.tickets.size).toBe(migrated.length);
      expect(new Set(migrated.map((r) => r.target_id)).size).toBe(migrated.length);
    },
  );

  it(
    'when a ticket gets a new comment in the source, then --delta appends just that part',
    { timeout: 180_000 },
    async () => {
      const row = await w.db
        .knex('ledger')
        .where({ entity: 'tickets', status: 'migrated' })
        .orderByRaw('source_id::int desc')
        .first<{ source_id: string; target_id: string }>('source_id', 'target_id');
      const index = Number(row!.source_id) - 1;
      const at = new Date(Date.now() + 1000);
      // A fresh emulator serves the changed account (the running one caches audits).
      changed = await startZendeskEmulator({
        account: withNewComment(w.account, index, at),
        credentials: ZENDESK_ADMIN,
      });
      const before = footprint(w.intercom);
      const partsBefore = w.intercom.state.tickets.get(row!.target_id)!.parts.length;
      await new Promise((r) => setTimeout(r, 1200));

      const args = w.zendeskArgs([...name, '--delta']);
      args[args.indexOf('--from-url') + 1] = changed.url;
      const delta = await w.ferry(args);
      expect(delta.code, delta.stderr).toBe(0);
      const ticket = w.intercom.state.tickets.get(row!.target_id)!;
      expect(ticket.parts.length).toBe(partsBefore + 1);
      expect(ticket.parts.at(-1)!.created_at).toBe(Math.floor(at.getTime() / 1000));
      expect(footprint(w.intercom)).toEqual({ ...before, ticketParts: before.ticketParts! + 1 });
    },
  );
});
