// Issue 14 item 5: Freshdesk's attachment_url is an expiring presigned link on S3, in the bucket of the
// account's data centre (src/sources/freshdesk/attachment-hosts.ts). Those links are fetched; a link to any
// other bucket on the same S3 hosts is refused; and the rest of the guard holds for the S3 hosts too (DNS
// answers checked for private addresses, no credentials, the size cap). Names are resolved by a stubbed
// lookup to 127.0.0.1, so nothing leaves this machine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkipError } from '../../src/errors.js';
import { isFreshdeskAttachmentUrl } from '../../src/sources/freshdesk/attachment-hosts.js';
import { createFetchGuard, UnsafeUrlError, type LookupAll } from '../../src/sources/shared/fetch-guard.js';

const SIGNED = '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=abc';
const FILE = '/data/helpdesk/attachments/production/69108189345/original/shot.png';

const allowed: Array<[string, string]> = [
  ['the US bucket, path style', `https://s3.amazonaws.com/cdn.freshdesk.com${FILE}${SIGNED}`],
  [
    'the EU bucket on a dashed regional host',
    `https://s3-eu-central-1.amazonaws.com/euc-cdn.freshdesk.com${FILE}`,
  ],
  [
    'the EU bucket on a dotted regional host',
    `https://s3.eu-central-1.amazonaws.com/euc-cdn.freshdesk.com${FILE}`,
  ],
  ['the India bucket', `https://s3.ap-south-1.amazonaws.com/ind-cdn.freshdesk.com${FILE}`],
  ['the Australia bucket', `https://s3-ap-southeast-2.amazonaws.com/aus-cdn.freshdesk.com${FILE}`],
  ['a US regional host', `https://s3-us-west-2.amazonaws.com/cdn.freshdesk.com${FILE}`],
  ['the bucket as subdomain', `https://cdn.freshdesk.com.s3.amazonaws.com${FILE}${SIGNED}`],
  [
    'the bucket as subdomain of a regional host',
    `https://euc-cdn.freshdesk.com.s3.eu-central-1.amazonaws.com${FILE}`,
  ],
  ['the old CDN host', `https://cdn.freshdesk.com${FILE}`],
];

const refused: Array<[string, string]> = [
  ['another bucket on S3', `https://s3.amazonaws.com/attacker-bucket${FILE}`],
  ['a bucket named like Freshdesk’s', `https://s3.amazonaws.com/evil-cdn.freshdesk.com${FILE}`],
  ['a bucket whose name starts like Freshdesk’s', `https://s3.amazonaws.com/cdn.freshdesk.com.evil${FILE}`],
  ['another bucket as subdomain', `https://attacker.s3.amazonaws.com${FILE}`],
  ['dot segments out of the bucket', `https://s3.amazonaws.com/cdn.freshdesk.com/../attacker${FILE}`],
  ['an encoded slash out of the bucket', `https://s3.amazonaws.com/cdn.freshdesk.com%2F..%2Fattacker${FILE}`],
  ['a look-alike of S3', `https://s3.amazonaws.com.attacker.test/cdn.freshdesk.com${FILE}`],
  ['a host that is not S3', `https://s3.attacker.test/cdn.freshdesk.com${FILE}`],
  ['Freshdesk’s bucket name on another domain', `https://cdn.freshdesk.com.attacker.test${FILE}`],
  ['another AWS service', `https://ec2.amazonaws.com/cdn.freshdesk.com${FILE}`],
];

describe('Freshdesk attachment hosts', () => {
  it.each(allowed)('when attachment_url is %s, then its host is allowed', (_what, url) => {
    expect(isFreshdeskAttachmentUrl(new URL(url))).toBe(true);
  });
  it.each(refused)('when attachment_url is %s, then it is refused', (_what, url) => {
    expect(isFreshdeskAttachmentUrl(new URL(url))).toBe(false);
  });
});

describe('Freshdesk attachment hosts through the fetch guard', () => {
  const requests: Array<{ url: string | undefined; auth: string | undefined }> = [];
  let s3: http.Server;
  let port: number;
  beforeAll(async () => {
    s3 = http.createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      if (req.url?.includes('huge')) res.setHeader('Content-Length', '5000');
      res.setHeader('Content-Type', 'image/png');
      res.end(req.url?.includes('huge') ? Buffer.alloc(5000) : 'png bytes');
    });
    await new Promise<void>((r) => s3.listen(0, '127.0.0.1', r));
    port = (s3.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => s3.close(() => r())));

  /** Every name resolves to `address` (127.0.0.1: the local S3 stand-in). */
  const resolvesTo =
    (address: string): LookupAll =>
    (_host, _options, callback) =>
      callback(null, [{ address, family: 4 }]);
  const guard = (o: { allowPrivate: boolean; address: string }) =>
    createFetchGuard({
      ownHost: 'acme.freshdesk.com',
      allowedHosts: [isFreshdeskAttachmentUrl],
      credentials: { Authorization: 'Basic a2V5Olg=' },
      allowPrivate: o.allowPrivate,
      lookup: resolvesTo(o.address),
    });

  it('when a presigned link to Freshdesk’s bucket is opened, then the file is fetched, without the API key', async () => {
    requests.length = 0;
    const d = await guard({ allowPrivate: true, address: '127.0.0.1' }).open(
      `http://s3-us-west-2.amazonaws.com:${port}/cdn.freshdesk.com${FILE}${SIGNED}`,
      { maxBytes: 1000 },
    );
    const chunks: Buffer[] = [];
    for await (const c of d.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('png bytes');
    expect(requests).toEqual([{ url: `/cdn.freshdesk.com${FILE}${SIGNED}`, auth: undefined }]);
  });

  it('when a link to another bucket on the same S3 host is opened, then it is refused before any request', async () => {
    requests.length = 0;
    await expect(
      guard({ allowPrivate: true, address: '127.0.0.1' }).open(
        `http://s3-us-west-2.amazonaws.com:${port}/attacker-bucket${FILE}`,
        { maxBytes: 1000 },
      ),
    ).rejects.toBeInstanceOf(UnsafeUrlError);
    expect(requests).toEqual([]);
  });

  it('when Freshdesk’s S3 host resolves to a private address, then it is refused at lookup', async () => {
    await expect(
      guard({ allowPrivate: false, address: '169.254.169.254' }).open(
        `https://s3.amazonaws.com/cdn.freshdesk.com${FILE}${SIGNED}`,
        { maxBytes: 1000 },
      ),
    ).rejects.toThrow(/private address/);
  });

  it('when a link to Freshdesk’s bucket is plain http, then it is refused (https only)', async () => {
    await expect(
      guard({ allowPrivate: false, address: '127.0.0.1' }).open(
        `http://s3.amazonaws.com/cdn.freshdesk.com${FILE}`,
        { maxBytes: 1000 },
      ),
    ).rejects.toThrow(/must be https/);
  });

  it('when Freshdesk’s bucket serves a file over the cap, then it is skipped with the size named', async () => {
    const err = await guard({ allowPrivate: true, address: '127.0.0.1' })
      .open(`http://cdn.freshdesk.com.s3.amazonaws.com:${port}/huge${SIGNED}`, { maxBytes: 1000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkipError);
    expect((err as Error).message).toMatch(/5000 bytes, over the 1000-byte cap/);
  });
});
