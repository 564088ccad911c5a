// `ferry migrate … --follow` and `ferry follow --stop`: the command line follows Zendesk after the full run,
// prints each change a delivery brought, exits 0 on Ctrl-C, and the cutover removes the subscription.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleAccount } from '../../src/sandbox/sample-account/index.js';
import { changingAccount, type ChangingAccount } from '../engine/changing-account.js';
import { startCliWorld, type CliWorld } from './world.js';

describe('ferry migrate --follow, then ferry follow --stop', () => {
  let w: CliWorld;
  let account: ChangingAccount;
  beforeAll(async () => {
    account = changingAccount(createSampleAccount({ seed: 'cli', tickets: 24 }));
    w = await startCliWorld({ account });
  });
  afterAll(async () => w?.close());

  it(
    'when a change is delivered while following, then it prints the applied ticket, exits 0 on Ctrl-C, and the cutover removes the webhooks',
    { timeout: 240_000 },
    async () => {
      const deleted = new Set(account.deletedTicketIndexes());
      const index = [9, 10, 11, 12, 13].find((i) => !deleted.has(i))!;
      const id = account.ticket(index).id;
      const name = 'followed';
      let delivered = false;
      let delivery: Promise<number[]> | null = null;
      let interrupted = false;
      const r = await w.ferry(w.zendeskArgs(['--migration', name, '--follow']), {
        onStderr: (text) => {
          if (delivered || !text.includes('Following zendesk until cutover')) return;
          delivered = true;
          account.addComment(index, 'Written while the command line follows');
          w.zendesk.reindex();
          delivery = w.zendesk.webhooks.deliver({ kind: 'ticket', id, what: 'comment_added' });
        },
        onStdout: (text, child) => {
          if (interrupted || !text.includes(`Applied tickets ${id}: migrated`)) return;
          interrupted = true;
          child.kill('SIGINT');
        },
      });
      expect(r.code, r.stderr).toBe(0);
      expect(await delivery).toEqual([200]);
      expect(r.stdout).toContain(`Applied tickets ${id}: migrated`);
      expect(r.stderr).toContain('Stopping: waiting for the work in flight');
      expect(r.stderr).not.toContain('Pausing the run');
      // Ctrl-C stops following here; the subscription stays until the cutover.
      expect(w.zendesk.webhooks.state()).toEqual({ webhooks: 2, triggers: 1 });

      const stop = await w.ferry(['follow', '--stop', ...w.zendeskArgs(['--migration', name]).slice(1)]);
      expect(stop.code, stop.stderr).toBe(0);
      expect(stop.stdout).toContain('cut over');
      expect(w.zendesk.webhooks.state()).toEqual({ webhooks: 0, triggers: 0 });
    },
  );
});
