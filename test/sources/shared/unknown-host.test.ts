// An unknown subdomain: DNS answers ENOTFOUND, and each connector says so at once (no retries). The lookup
// is stubbed, so nothing leaves 127.0.0.1 (no DNS query is sent either).
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { createFreshdeskConnector } from '../../../src/sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../../src/sources/zendesk/index.js';

const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });

function unknownHosts(): { lookup: LookupFunction; asked: string[] } {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, _options, callback) => {
    asked.push(hostname);
    const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    err.code = 'ENOTFOUND';
    callback(err, '', 4);
  };
  return { lookup, asked };
}

describe('unknown subdomain', () => {
  it('when a Zendesk subdomain does not resolve, then checkCredentials names it at once, without retrying', async () => {
    const dns = unknownHosts();
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
    const dns = unknownHosts();
    const connector = createFreshdeskConnector(
      { domain: 'no-such-desk', apiKey: 'key' },
      { logger },
      { lookup: dns.lookup },
    );
    const err = await connector.checkCredentials().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe(
      'There is no Freshdesk help desk at no-such-desk.freshdesk.com: check the subdomain',
    );
    expect(dns.asked).toEqual(['no-such-desk.freshdesk.com']);
  });
});
