import { describe, expect, it } from 'vitest';
import { chooseCommentMode } from '../../../src/sources/zendesk/comment-mode.js';

describe('choosing how to read comments', () => {
  it('when a demo reads 20 tickets of a large account, then per-ticket reads win', () => {
    const c = chooseCommentMode({ ticketsInRun: 20, ticketsInAccount: 100_000 });
    expect(c.mode).toBe('per-ticket');
    expect(c.perTicket.calls).toBe(20);
  });

  it('when a full run reads every ticket, then the bulk export wins on calls and time', () => {
    const c = chooseCommentMode({ ticketsInRun: 10_000, ticketsInAccount: 10_000 });
    expect(c.mode).toBe('bulk');
    expect(c.bulk.calls).toBe(80);
    expect(c.bulk.minutes).toBeLessThan(c.perTicket.minutes);
  });

  it('when the account has the High Volume add-on, then the bulk export gets cheaper in time', () => {
    const slow = chooseCommentMode({ ticketsInRun: 3000, ticketsInAccount: 100_000 });
    const fast = chooseCommentMode({
      ticketsInRun: 3000,
      ticketsInAccount: 100_000,
      exportLimitPerMinute: 30,
    });
    expect(fast.bulk.minutes).toBeCloseTo(slow.bulk.minutes / 3);
  });
});
