// The attachment fetch guard against real local servers: private addresses, foreign hosts, credentials,
// redirects and the size cap.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkipError } from '../../../src/errors.js';
import { createFetchGuard, UnsafeUrlError } from '../../../src/sources/shared/fetch-guard.js';
import { isPrivateAddress } from '../../../src/sources/shared/private-address.js';

const seen: Array<{ server: string; auth: string | undefined }> = [];
function server(
  name: string,
  handler: http.RequestListener,
): Promise<{ host: string; close(): Promise<void> }> {
  const s = http.createServer((req, res) => {
    seen.push({ server: name, auth: req.headers.authorization });
    handler(req, res);
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () =>
      resolve({
        host: `127.0.0.1:${(s.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => s.close(() => r())),
      }),
    ),
  );
}

const flaky = new Map<string, number>();
let own: Awaited<ReturnType<typeof server>>;
let cdn: Awaited<ReturnType<typeof server>>;
beforeAll(async () => {
  cdn = await server('cdn', (req, res) => {
    if (req.url === '/chunked') {
      res.write(Buffer.alloc(600));
      res.end(Buffer.alloc(600));
      return;
    }
    res.setHeader('Content-Type', 'text/plain');
    res.end('file body');
  });
  own = await server('own', (req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { Location: `http://${cdn.host}/file` }).end();
      return;
    }
    if (req.url?.startsWith('/flaky/')) {
      // Fails the first N reads of this path with 503, then serves it.
      const n = (flaky.get(req.url) ?? 0) + 1;
      flaky.set(req.url, n);
      if (n <= Number(req.url.split('/')[2])) return void res.writeHead(503).end('busy');
      return void res.end('at last');
    }
    if (req.url === '/evil-redirect') {
      res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    res.setHeader('Content-Length', '2000');
    res.end(Buffer.alloc(2000));
  });
});
afterAll(async () => {
  await own.close();
  await cdn.close();
});

const read = async (s: NodeJS.ReadableStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('attachment fetch guard', () => {
  const policy = {
    maxAttempts: 3,
    retryStatuses: [429, 500, 502, 503, 504],
    retryErrorCodes: ['ECONNRESET'],
    baseDelayMs: 1,
    maxDelayMs: 5,
    jitter: 0,
    retryAfterHeaders: ['retry-after'],
    resetHeaders: [],
    maxWaitMs: 1000,
  };

  it("when a file read answers 503 and then succeeds, then it is retried under the source's policy", async () => {
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
      retry: policy,
    });
    const file = await guard.open(`http://${own.host}/flaky/2/a.txt`, { maxBytes: 1000 });
    expect((await read(file.stream)).toString()).toBe('at last');
    expect(flaky.get('/flaky/2/a.txt')).toBe(3);
  });

  it('when a file read keeps answering 503 past the policy, then it fails as retryable with the reason', async () => {
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
      retry: policy,
    });
    await expect(guard.open(`http://${own.host}/flaky/9/b.txt`, { maxBytes: 1000 })).rejects.toThrow(
      /HTTP 503 \(status 503: gave up after 3 attempts\)/,
    );
    expect(flaky.get('/flaky/9/b.txt')).toBe(3);
  });

  it('when an address is private, loopback or link-local, then it is classed private', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
      '0.0.0.0',
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['93.184.216.34', '2606:4700::1111', '8.8.8.8'])
      expect(isPrivateAddress(a), a).toBe(false);
  });

  it('when an attachment URL points at a private address, then it is refused before any request', async () => {
    const guard = createFetchGuard({
      ownHost: '10.0.0.5',
      allowedHosts: [],
      credentials: {},
      allowPrivate: false,
    });
    await expect(guard.open('https://10.0.0.5/attachments/1/x.png', { maxBytes: 1000 })).rejects.toThrow(
      /private address/,
    );
  });

  it('when the own host name resolves to loopback, then the connection is refused at lookup', async () => {
    const guard = createFetchGuard({
      ownHost: 'localhost',
      allowedHosts: [],
      credentials: {},
      allowPrivate: false,
    });
    await expect(
      guard.open('https://localhost/attachments/1/x.png', { maxBytes: 1000 }),
    ).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it('when an attachment URL names another host, then it is refused', async () => {
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
    });
    await expect(guard.open('http://attacker.example/x', { maxBytes: 10 })).rejects.toThrow(
      /not the account's own/,
    );
  });

  it('when the own host redirects to an allowed file host, then the credentials stay behind', async () => {
    seen.length = 0;
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [cdn.host],
      credentials: { Authorization: 'Basic c2VjcmV0' },
      allowPrivate: true,
    });
    const d = await guard.open(`http://${own.host}/redirect`, { maxBytes: 1000 });
    expect((await read(d.stream)).toString()).toBe('file body');
    expect(seen).toEqual([
      { server: 'own', auth: 'Basic c2VjcmV0' },
      { server: 'cdn', auth: undefined },
    ]);
  });

  it('when a redirect leads to a metadata address, then it is refused', async () => {
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
    });
    await expect(guard.open(`http://${own.host}/evil-redirect`, { maxBytes: 1000 })).rejects.toBeInstanceOf(
      UnsafeUrlError,
    );
  });

  it('when the declared size is over the cap, then it is skipped before reading', async () => {
    const guard = createFetchGuard({
      ownHost: own.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
    });
    await expect(guard.open(`http://${own.host}/big`, { maxBytes: 1000 })).rejects.toThrow(
      /over the 1000-byte cap/,
    );
  });

  it('when an undeclared body grows past the cap, then the stream fails with a SkipError', async () => {
    const guard = createFetchGuard({
      ownHost: cdn.host,
      allowedHosts: [],
      credentials: {},
      allowPrivate: true,
    });
    const d = await guard.open(`http://${cdn.host}/chunked`, { maxBytes: 1000 });
    await expect(read(d.stream)).rejects.toBeInstanceOf(SkipError);
  });
});
