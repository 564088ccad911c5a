// The connector's commentReadPlan: the engine asks it whether to stage Zendesk's bulk ticket-events export or
// read comments per ticket. Zendesk quirk: the export cannot be limited to some tickets, so it reads the
// whole account's events at 10 calls a minute against 700 a minute for per-ticket reads.
import { describe, expect, it } from 'vitest';
import { createFreshdeskConnector } from '../../../src/sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../../src/sources/zendesk/index.js';
import { ADMIN, logger } from './harness.js';

// Nothing is fetched: commentReadPlan only weighs the costs.
const local = { logger, allowCustomBaseUrl: true };
const zendesk = createZendeskConnector(
  { baseUrl: 'http://127.0.0.1:9', auth: { kind: 'token', ...ADMIN } },
  local,
);
const plan = zendesk.commentReadPlan!;

describe('Zendesk commentReadPlan', () => {
  it('when a demo reads 20 tickets of a large account, then comments are read per ticket', () => {
    expect(plan({ ticketsInRun: 20, ticketsInAccount: 100_000 })).toBe('per-ticket');
  });

  it('when a full run reads every ticket, then the bulk export is chosen', () => {
    expect(plan({ ticketsInRun: 10_000, ticketsInAccount: 10_000 })).toBe('bulk');
  });

  it('when no ticket is in the run, then per ticket (nothing to read in bulk)', () => {
    expect(plan({ ticketsInRun: 0, ticketsInAccount: 10_000 })).toBe('per-ticket');
  });

  it('when the account could not be counted or counts fewer than the run, then it is taken as the run', () => {
    expect(plan({ ticketsInRun: 10_000, ticketsInAccount: null })).toBe('bulk');
    expect(plan({ ticketsInRun: 10_000, ticketsInAccount: 5 })).toBe('bulk');
  });

  it('when the export limit is raised (High Volume add-on), then a small full run goes bulk; 0 means the documented limit', () => {
    const run = { ticketsInRun: 30, ticketsInAccount: 30 };
    expect(plan(run)).toBe('per-ticket');
    expect(plan({ ...run, limits: { exportPerMinute: 100_000 } })).toBe('bulk');
    expect(plan({ ...run, limits: { exportPerMinute: 0 } })).toBe('per-ticket');
  });

  it('when the account limit is low (a smaller plan), then per-ticket reads slow down and bulk wins', () => {
    const run = { ticketsInRun: 3000, ticketsInAccount: 100_000 };
    expect(plan(run)).toBe('per-ticket');
    expect(plan({ ...run, limits: { accountPerMinute: 10 } })).toBe('bulk');
  });
});

describe('Freshdesk', () => {
  it('when asked, then it has no bulk comment stream and no commentReadPlan (the engine reads per ticket)', () => {
    const freshdesk = createFreshdeskConnector({ baseUrl: 'http://127.0.0.1:9', apiKey: 'key' }, local);
    expect(freshdesk.commentEvents).toBeUndefined();
    expect(freshdesk.commentReadPlan).toBeUndefined();
  });
});
