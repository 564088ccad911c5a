// Issue 14 item 14: one table decides, for every client, which failures are retried and whether a failed
// request may have been applied (src/retry-table.ts). A row per test, then each client read against it:
// Zendesk and Freshdesk (src/sources/shared/retry.ts) and Intercom (src/intercom/retry-policy.ts) agree.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, RetryableError } from '../../src/errors.js';
import { toFerryError } from '../../src/intercom/errors.js';
import { createLogger } from '../../src/logger.js';
import { FreshdeskClient } from '../../src/sources/freshdesk/client.js';
import { createZendeskClient } from '../../src/sources/zendesk/client.js';
import { decideRetry as intercomDecide } from '../../src/intercom/retry-policy.js';
import {
  classifyNetworkError,
  classifyStatus,
  mayRetry,
  NETWORK_FAILURES,
  STATUS_FAILURES,
} from '../../src/retry-table.js';
import { FRESHDESK_RETRY_POLICY } from '../../src/sources/freshdesk/retry.js';
import { decideRetry as sourceDecide } from '../../src/sources/shared/retry.js';
import { ZENDESK_RETRY_POLICY } from '../../src/sources/zendesk/client.js';

const NOW = 1_700_000_000_000;
const sources = { zendesk: ZENDESK_RETRY_POLICY, freshdesk: FRESHDESK_RETRY_POLICY };
const intercom = (failure: Parameters<typeof intercomDecide>[0]['failure'], idempotent: boolean) =>
  intercomDecide({ failure, attempt: 1, idempotent, nowMs: NOW, random: 0 });

// [code, retried, may have been applied]
const networkRows: Array<[string, boolean, boolean]> = [
  ['ECONNREFUSED', true, false],
  ['ENOTFOUND', false, false],
  ['EAI_AGAIN', true, false],
  ['EHOSTUNREACH', true, false],
  ['ENETUNREACH', true, false],
  ['ECONNRESET', true, true],
  ['ETIMEDOUT', true, true],
  ['ECONNABORTED', true, true],
  ['EPIPE', true, true],
];
// [status, retried, may have been applied]
const statusRows: Array<[number, boolean, boolean]> = [
  [408, true, false],
  [429, true, false],
  [500, true, true],
  [502, true, true],
  [503, true, true],
  [504, true, true],
  [501, false, true],
  [400, false, false],
  [401, false, false],
  [404, false, false],
  [422, false, false],
];

describe('the retry table', () => {
  it('when the table is read, then every network row and retried status is covered by a test row', () => {
    expect(Object.keys(NETWORK_FAILURES).sort()).toEqual(networkRows.map((r) => r[0]).sort());
    const tested = statusRows.filter((r) => r[1]).map((r) => r[0]);
    expect(Object.keys(STATUS_FAILURES).map(Number).sort()).toEqual(tested.sort());
  });

  for (const [code, retry, maybeApplied] of networkRows) {
    it(`when a call fails with ${code}, then every client ${retry ? 'retries' : 'does not retry'} it, and a write ${maybeApplied ? 'may have been' : 'was not'} applied`, () => {
      expect(classifyNetworkError(code)).toMatchObject({ retry, maybeApplied });
      for (const policy of Object.values(sources))
        expect(sourceDecide(policy, { attempt: 1, errorCode: code, now: NOW, random: 0 }).retry).toBe(retry);
      expect(intercom({ kind: 'network', code }, true).retry).toBe(retry);
      const write = intercom({ kind: 'network', code }, false);
      expect(write.retry).toBe(retry && !maybeApplied);
      if (!write.retry) expect(write.outcomeUnknown).toBe(maybeApplied);
    });
  }

  for (const [status, retry, maybeApplied] of statusRows) {
    it(`when a call answers ${status}, then every client ${retry ? 'retries' : 'does not retry'} it, and a write ${maybeApplied ? 'may have been' : 'was not'} applied`, () => {
      expect(classifyStatus(status)).toMatchObject({ retry, maybeApplied });
      for (const policy of Object.values(sources))
        expect(sourceDecide(policy, { attempt: 1, status, now: NOW, random: 0 }).retry).toBe(retry);
      expect(intercom({ kind: 'status', status }, true).retry).toBe(retry);
      const write = intercom({ kind: 'status', status }, false);
      expect(write.retry).toBe(mayRetry(classifyStatus(status), false));
      if (!write.retry) expect(write.outcomeUnknown).toBe(maybeApplied);
    });
  }

  it('when a network code is not in the table (a TLS failure), then no client retries it and a write may have been applied', () => {
    expect(classifyNetworkError('EPROTO')).toMatchObject({ retry: false, maybeApplied: true });
    expect(
      sourceDecide(ZENDESK_RETRY_POLICY, { attempt: 1, errorCode: 'EPROTO', now: NOW, random: 0 }).retry,
    ).toBe(false);
    expect(intercom({ kind: 'network', code: 'EPROTO' }, false)).toMatchObject({
      retry: false,
      outcomeUnknown: true,
    });
  });
});

/** A 127.0.0.1 port nothing listens on (opened, then closed). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('the clients read the one table', () => {
  const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });

  it('when a Zendesk host refuses the connection, then the client retries it as Freshdesk does (ECONNREFUSED)', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const urls: string[] = [];
    const zendesk = createZendeskClient({
      baseUrl: base,
      authorization: 'Basic x',
      logger,
      retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 },
      onRequest: (u) => urls.push(u),
    });
    await expect(zendesk.http.getJson('/api/v2/users/me.json')).rejects.toBeInstanceOf(RetryableError);
    const freshdesk = new FreshdeskClient({
      baseUrl: base,
      apiKey: 'key',
      logger,
      retry: { ...FRESHDESK_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await expect(freshdesk.get('/api/v2/agents/me')).rejects.toBeInstanceOf(RetryableError);
    expect(urls).toHaveLength(ZENDESK_RETRY_POLICY.maxAttempts);
    expect(freshdesk.calls).toBe(FRESHDESK_RETRY_POLICY.maxAttempts);
  });

  it("when Intercom's host does not exist (ENOTFOUND), then the call is not retried and pauses the run as a configuration error", () => {
    expect(intercom({ kind: 'network', code: 'ENOTFOUND' }, true)).toMatchObject({
      retry: false,
      outcomeUnknown: false,
    });
    const err = toFerryError({ method: 'get', path: '/me', networkCode: 'ENOTFOUND', outcomeUnknown: false });
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/INTERCOM_API_URL/);
  });
});
