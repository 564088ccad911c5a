import { describe, expect, it } from 'vitest';
import { estimateFullRun } from '../../../src/app/wizard/estimate.js';

describe('full-run estimate', () => {
  it('when Zendesk counted everything, then records, calls and a duration come from the counts', () => {
    const e = estimateFullRun({
      platform: 'zendesk',
      available: { tickets: 1000, contacts: 500, companies: 50, articles: 10 },
      entities: ['tickets', 'articles'],
    });
    expect(e.records).toBe(1560);
    expect(e.uncounted).toBeUndefined();
    expect(e.seconds).toBeGreaterThan(60);
  });

  it('when Freshdesk cannot count tickets, contacts and companies (quirk: no count endpoints), then they are named, never read as 0, and the pace per 1,000 tickets comes from the demo', () => {
    const e = estimateFullRun({
      platform: 'freshdesk',
      available: { tickets: null, contacts: null, companies: null, articles: 12 },
      entities: ['tickets', 'articles'],
      demo: { tickets: 20, seconds: 60 },
    });
    expect(e.uncounted).toEqual(['tickets', 'contacts', 'companies']);
    expect(e.records).toBe(12);
    expect(e.perThousandTickets).toEqual({ seconds: 3000, from: 'demo' });
  });

  it('when nothing was measured yet, then the pace per 1,000 tickets comes from the rate limits and says so', () => {
    const e = estimateFullRun({ platform: 'freshdesk', available: {}, entities: ['tickets'] });
    expect(e.perThousandTickets?.from).toBe('limits');
    expect(e.perThousandTickets?.seconds).toBeGreaterThan(0);
  });
});
