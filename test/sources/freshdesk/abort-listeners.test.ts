// A retry's sleep listens to the caller's signal only while it sleeps: the comment feed reads with one
// signal for a whole stage, so a listener left behind per retry would pile up on it (a leak, and Node's
// MaxListenersExceededWarning in the engine bench).
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('Freshdesk client retries and the caller’s abort signal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tickets: 20, emulator: { faults: { first503: 4 } } });
  });
  afterAll(async () => h?.close());

  it('when calls are retried after 503s, then no abort listener stays on the signal once they are done', async () => {
    const signal = new AbortController().signal;
    const ids = [h.account.ticket(1).id, h.account.ticket(2).id, h.account.ticket(3).id];
    const read = [];
    for await (const r of h.connector.readComments(ids, signal)) read.push(r);
    expect(read.map((r) => r.comments.length > 0)).toEqual([true, true, true]);
    expect(h.emulator.stats.faults).toBe(4);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
