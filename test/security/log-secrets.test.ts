// Attack: a job is aborted (deploy, SIGTERM, lost lease) while a help desk request is in flight, and the
// axios CanceledError is logged whole: its request carries `Authorization: Basic …` and its config the
// Freshdesk key. Every error goes through one whitelisting serializer, so no credential reaches the log.
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshdeskEmulator } from '../../src/sandbox/freshdesk/emulator.js';
import { listenOnLoopback, type Listening } from '../../src/sandbox/listen.js';
import { createSampleAccount } from '../../src/sandbox/sample-account/index.js';
import { createZendeskEmulator } from '../../src/sandbox/zendesk/index.js';
import type { SourceConnector } from '../../src/sources/connector.js';
import { createFreshdeskConnector } from '../../src/sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../src/sources/zendesk/index.js';
import { capturedLogger } from './helpers.js';

const ZENDESK = { email: 'admin@sample-support.test', token: 'zd-secret-token-5f1e9a' };
const FRESHDESK_KEY = 'fd-secret-key-8c2b71';
const account = createSampleAccount({ seed: 'log-secrets', tickets: 20 });

/** The emulator behind a pause, so that a request is still in flight when the job is aborted. */
const slow =
  (app: RequestListener): RequestListener =>
  (req, res) =>
    void setTimeout(() => app(req, res), 300);

let zendesk: Listening;
let freshdesk: Listening;
beforeAll(async () => {
  zendesk = await listenOnLoopback(slow(createZendeskEmulator({ account, credentials: ZENDESK }).app));
  freshdesk = await listenOnLoopback(slow(createFreshdeskEmulator({ account, apiKey: FRESHDESK_KEY }).app));
});
afterAll(async () => {
  await zendesk.close();
  await freshdesk.close();
});

function capture() {
  const c = capturedLogger();
  return { lines: c.lines, logger: c.logger };
}

/** Starts a read, aborts it while its request is in flight, and returns what the read threw. */
async function abortedRead(connector: SourceConnector): Promise<unknown> {
  const controller = new AbortController();
  const read = (async () => {
    // Contacts: their first request is the list itself (tickets first read the custom statuses).
    for await (const _page of connector.streams.contacts!.read({ signal: controller.signal })) break;
  })();
  setTimeout(() => controller.abort(), 100);
  return read.then(
    () => new Error('the read was not aborted'),
    (err: unknown) => err,
  );
}

/** Logs the error every way Ferry's code does: under err, under error, alone, and from a child logger. */
function logEveryWay(err: unknown): string {
  const { lines, logger } = capture();
  logger.warn({ err }, 'job interrupted by shutdown; released for another worker');
  logger.error({ error: err }, 'job failed for good');
  logger.error(err as Error);
  logger.child({ job: 1 }).warn({ failure: err, retryInMs: 10 }, 'job failed; will retry');
  return lines.join('');
}

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('credentials in logs', () => {
  it('when a Zendesk read is aborted in flight, then the logged CanceledError carries neither the token nor the Authorization header', async () => {
    const connector = createZendeskConnector(
      { baseUrl: zendesk.url, auth: { kind: 'token', ...ZENDESK } },
      { logger: capture().logger, allowCustomBaseUrl: true, allowPrivateAddresses: true },
    );
    const err = (await abortedRead(connector)) as { name?: string; request?: { _header?: string } };
    expect(err.name).toBe('CanceledError');
    const authorization = basic(`${ZENDESK.email}/token`, ZENDESK.token);
    // The attack surface is real: the raw error holds the header.
    expect(String(err.request?._header)).toContain(authorization);
    const out = logEveryWay(err);
    expect(out).toContain('CanceledError');
    expect(out).toContain(`${zendesk.url}/api/v2/`);
    for (const secret of [ZENDESK.token, authorization, 'Authorization: Basic'])
      expect(out).not.toContain(secret);
  });

  it('when a Freshdesk read is aborted in flight, then the logged CanceledError carries neither the API key nor the Authorization header', async () => {
    const connector = createFreshdeskConnector(
      { baseUrl: freshdesk.url, apiKey: FRESHDESK_KEY },
      { logger: capture().logger, allowCustomBaseUrl: true, allowPrivateAddresses: true },
    );
    const err = (await abortedRead(connector)) as { name?: string; config?: { auth?: unknown } };
    expect(err.name).toBe('CanceledError');
    expect(err.config?.auth).toEqual({ username: FRESHDESK_KEY, password: 'X' });
    const out = logEveryWay(err);
    expect(out).toContain('CanceledError');
    for (const secret of [FRESHDESK_KEY, basic(FRESHDESK_KEY, 'X'), 'Authorization: Basic'])
      expect(out).not.toContain(secret);
  });

  it('when an error message or URL carries a secret query parameter or an Authorization value, then the log shows it redacted', async () => {
    const { lines, logger } = capture();
    const err = new Error('GET https://x.example/api?access_token=abc123&page=2 failed (Bearer abc123)', {
      cause: Object.assign(new Error('inner'), {
        config: { url: '/files?sig=s3cr3t', baseURL: 'https://x.example' },
      }),
    });
    logger.error({ err }, 'failed');
    const out = lines.join('');
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('s3cr3t');
    expect(out).toContain('page=2');
    expect(JSON.parse(out).err.cause.url).toBe('https://x.example/files?sig=%5Bredacted%5D');
  });
});
