// DNS failures, classified the same for every source (src/sources/shared/retry.ts isUnknownHost): an
// unknown subdomain (ENOTFOUND) is named at once as a configuration error, without retrying; DNS failing
// for now (EAI_AGAIN) is retried with backoff like any transient network failure. The lookup is stubbed, so
// nothing leaves 127.0.0.1 (no DNS query is sent either).
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, RetryableError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import {
  startFreshdeskEmulator,
  type RunningFreshdeskEmulator,
} from '../../../src/sandbox/freshdesk/emulator.js';
import { createSampleAccount } from '../../../src/sandbox/sample-account/index.js';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../../../src/sandbox/zendesk/index.js';
import { createFreshdeskConnector } from '../../../src/sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../../src/sources/zendesk/index.js';
import { API_KEY, FAST_RETRY } from '../freshdesk/harness.js';
import { ADMIN } from '../zendesk/harness.js';

const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });
/** A name only the stubbed lookup knows (the reserved .test domain). */
const HOST = 'help-desk.test';

/** A lookup that fails with `code` for the first `failures` questions, then answers 127.0.0.1. */
function flakyDns(code: string, failures = Infinity): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    asked.push(hostname);
    if (asked.length <= failures) {
      const err: NodeJS.ErrnoException = new Error(`getaddrinfo ${code} ${hostname}`);
      err.code = code;
      return callback(err, '', 4);
    }
    const loopback: LookupAddress = { address: '127.0.0.1', family: 4 };
    // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), else for one.
    if (options.all) return callback(null, [loopback]);
    return callback(null, loopback.address, loopback.family);
  };
  return { lookup, asked };
}

describe('unknown subdomain (ENOTFOUND)', () => {
  it('when a Zendesk subdomain does not resolve, then checkCredentials names it at once, without retrying', async () => {
    const dns = flakyDns('ENOTFOUND');
    const connector = createZendeskConnector(
      { subdomain: 'no-such-desk', auth: { kind: 'token', email: 'a@b.test', token: 't' } },
      { logger },
      { lookup: dns.lookup, retryPolicy: { baseDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    const err = await connector.checkCredentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe(
      'There is no Zendesk account at no-such-desk.zendesk.com: check the subdomain',
    );
    expect(dns.asked).toEqual(['no-such-desk.zendesk.com']);
  });

  it('when a Freshdesk domain does not resolve, then checkCredentials names it at once, without retrying', async () => {
    const dns = flakyDns('ENOTFOUND');
    const connector = createFreshdeskConnector(
      { domain: 'no-such-desk', apiKey: 'key' },
      { logger },
      { lookup: dns.lookup, retry: { ...FAST_RETRY, baseDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    const err = await connector.checkCredentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe(
      'There is no Freshdesk help desk at no-such-desk.freshdesk.com: check the subdomain',
    );
    expect(dns.asked).toEqual(['no-such-desk.freshdesk.com']);
  });
});

describe('DNS failing for now (EAI_AGAIN)', () => {
  let zendesk: RunningZendeskEmulator;
  let freshdesk: RunningFreshdeskEmulator;
  beforeAll(async () => {
    const account = createSampleAccount({ tickets: 20 });
    zendesk = await startZendeskEmulator({ account, credentials: ADMIN });
    freshdesk = await startFreshdeskEmulator({ account, apiKey: API_KEY });
  });
  afterAll(async () => {
    await zendesk?.close();
    await freshdesk?.close();
  });

  /** The emulator's address under a name only the stubbed lookup resolves. */
  const named = (url: string) => `http://${HOST}:${new URL(url).port}`;

  const zendeskWith = (dns: { lookup: LookupFunction }) =>
    createZendeskConnector(
      { baseUrl: named(zendesk.url), auth: { kind: 'token', ...ADMIN } },
      { logger, allowCustomBaseUrl: true },
      { lookup: dns.lookup, retryPolicy: { baseDelayMs: 2, maxDelayMs: 10 } },
    );
  const freshdeskWith = (dns: { lookup: LookupFunction }) =>
    createFreshdeskConnector(
      { baseUrl: named(freshdesk.url), apiKey: API_KEY },
      { logger, allowCustomBaseUrl: true },
      { lookup: dns.lookup, retry: FAST_RETRY },
    );

  it('when Zendesk’s host fails to resolve twice, then the client retries and the call goes through', async () => {
    const dns = flakyDns('EAI_AGAIN', 2);
    await expect(zendeskWith(dns).checkCredentials()).resolves.toBeDefined();
    expect(dns.asked).toEqual([HOST, HOST, HOST]);
  });

  it('when Freshdesk’s host fails to resolve twice, then the client retries and the call goes through (not "no help desk")', async () => {
    const dns = flakyDns('EAI_AGAIN', 2);
    await expect(freshdeskWith(dns).checkCredentials()).resolves.toBeDefined();
    expect(dns.asked).toEqual([HOST, HOST, HOST]);
  });

  it.each([
    ['Zendesk', zendeskWith],
    ['Freshdesk', freshdeskWith],
  ] as const)(
    'when %s’s host never resolves, then every attempt is made and it ends retryable, not as a wrong subdomain',
    async (_source, connectorWith) => {
      const dns = flakyDns('EAI_AGAIN');
      const err = await connectorWith(dns)
        .checkCredentials()
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RetryableError);
      expect(err).not.toBeInstanceOf(ConfigurationError);
      expect(dns.asked).toHaveLength(6);
    },
  );
});
