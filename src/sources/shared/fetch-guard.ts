// The attachment fetch guard (DESIGN.md "Attachments"). Attachment and inline-image URLs come from the
// source's data, which any end user can influence, so a fetch:
// - goes only to the account's own host or the vendor's attachment hosts (allowedHosts);
// - refuses private, loopback and link-local addresses, checked on the address actually connected to
//   (DNS answers included, so a public name resolving to 10.x is refused too) unless allowPrivate;
// - sends the source credentials only to the account's own host (never after a redirect elsewhere);
// - streams the body and stops at maxBytes with a SkipError (a declared Content-Length over the cap is
//   refused before reading);
// - retries a transient answer (429, 5xx, a reset connection) under the source's own retry policy.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, type Readable } from 'node:stream';
import axios from 'axios';
import { RetryableError, SkipError } from '../../errors.js';
import type { AttachmentDownload } from '../connector.js';
import { isPrivateAddress } from './private-address.js';
import { realClock, type Clock } from './rate-gate.js';
import { decideRetry, networkErrorCode, type RetryPolicy } from './retry.js';

export interface FetchGuardOptions {
  /** The account's own host (gets the credentials). */
  ownHost: string;
  /** Other hosts files may come from: exact names, patterns, or a test of the whole URL (a vendor's bucket
   *  on a shared storage host). Never get credentials. */
  allowedHosts: ReadonlyArray<string | RegExp | ((url: URL) => boolean)>;
  /** Sent to ownHost only. */
  credentials: Record<string, string>;
  /** Emulators on 127.0.0.1 (tests, sandbox). */
  allowPrivate: boolean;
  maxRedirects?: number;
  timeoutMs?: number;
  /** DNS lookup (tests stub it so a vendor's name resolves without leaving 127.0.0.1); answers are checked. */
  lookup?: LookupAll;
  /** The source's retry policy (its API calls' one): a file read meets the same transient failures. */
  retry?: RetryPolicy;
  clock?: Clock;
}

/** A transient failure to open a file, with what decideRetry needs. */
class TransientOpen extends RetryableError {
  constructor(
    message: string,
    readonly failure: { status?: number; errorCode?: string; headers?: Record<string, string | undefined> },
  ) {
    super(message);
  }
}

/** dns.lookup asked for every address. */
export type LookupAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export interface AttachmentFetcher {
  open(url: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<AttachmentDownload>;
}

export class UnsafeUrlError extends SkipError {}

export function createFetchGuard(o: FetchGuardOptions): AttachmentFetcher {
  const lookup = guardedLookup(o.allowPrivate, o.lookup ?? ((h, opts, cb) => dns.lookup(h, opts, cb)));
  const agents = {
    httpAgent: new http.Agent({ lookup }),
    httpsAgent: new https.Agent({ lookup }),
  };
  const hostAllowed = (url: URL): boolean =>
    url.host === o.ownHost ||
    o.allowedHosts.some((h) =>
      typeof h === 'string' ? h === url.host : h instanceof RegExp ? h.test(url.host) : h(url),
    );

  function check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new UnsafeUrlError(`Attachment URL is not a URL: ${raw.slice(0, 200)}`);
    }
    if (url.protocol !== 'https:' && !(o.allowPrivate && url.protocol === 'http:')) {
      throw new UnsafeUrlError(`Attachment URL must be https: ${url.host}`);
    }
    if (url.username || url.password) throw new UnsafeUrlError('Attachment URL carries credentials');
    if (!hostAllowed(url)) throw new UnsafeUrlError(`Attachment host is not the account's own: ${url.host}`);
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(literal) && isPrivateAddress(literal) && !o.allowPrivate) {
      throw new UnsafeUrlError(`Attachment URL points at a private address: ${url.host}`);
    }
    return url;
  }

  async function request(url: URL, signal?: AbortSignal) {
    try {
      return await axios.get<Readable>(url.href, {
        ...agents,
        responseType: 'stream',
        maxRedirects: 0,
        validateStatus: () => true,
        timeout: o.timeoutMs ?? 120_000,
        ...(signal ? { signal } : {}),
        // The credentials go to the account's own host only, never to a CDN or a redirect target.
        headers: url.host === o.ownHost ? o.credentials : {},
      });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause ?? err;
      if (cause instanceof UnsafeUrlError) throw cause;
      if ((err as { code?: unknown }).code === 'EPRIVATE')
        throw new UnsafeUrlError(`${url.hostname} resolves to a private address`);
      if (signal?.aborted) throw err;
      const code = networkErrorCode(err);
      throw new TransientOpen(
        `Attachment could not be fetched: ${err instanceof Error ? err.message : String(err)}`,
        code ? { errorCode: code } : {},
      );
    }
  }

  async function openOnce(raw: string, maxBytes: number, signal?: AbortSignal): Promise<AttachmentDownload> {
    let url = check(raw);
    for (let hop = 0; ; hop++) {
      const res = await request(url, signal);
      const location = res.headers['location'];
      if (res.status >= 300 && res.status < 400 && typeof location === 'string') {
        res.data.destroy();
        if (hop >= (o.maxRedirects ?? 3)) throw new SkipError('Attachment redirects too many times');
        url = check(new URL(location, url).href);
        continue;
      }
      if (res.status !== 200) {
        res.data.destroy();
        const message = `Attachment could not be fetched: HTTP ${res.status}`;
        if (res.status === 429 || res.status >= 500)
          throw new TransientOpen(message, { status: res.status, headers: plainHeaders(res.headers) });
        throw new SkipError(message);
      }
      const declared = Number(res.headers['content-length']);
      const size = Number.isFinite(declared) && res.headers['content-length'] !== undefined ? declared : null;
      if (size !== null && size > maxBytes) {
        res.data.destroy();
        throw new SkipError(`Attachment is ${size} bytes, over the ${maxBytes}-byte cap`);
      }
      const contentType = String(res.headers['content-type'] ?? 'application/octet-stream');
      return { stream: res.data.pipe(capped(maxBytes)), contentType, size };
    }
  }

  const clock = o.clock ?? realClock;
  return {
    async open(raw, { maxBytes, signal }) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await openOnce(raw, maxBytes, signal);
        } catch (error) {
          if (!(error instanceof TransientOpen) || !o.retry) throw error;
          const decision = decideRetry(o.retry, {
            attempt,
            ...error.failure,
            now: clock.now(),
            random: Math.random(),
          });
          if (!decision.retry)
            throw new RetryableError(`${error.message} (${decision.reason})`, decision.waitMs);
          await clock.sleep(decision.delayMs, signal);
        }
      }
    },
  };
}

function plainHeaders(headers: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/** Passes bytes through and fails the stream with a SkipError past the cap. */
function capped(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > maxBytes) return done(new SkipError(`Attachment is over the ${maxBytes}-byte cap`));
      done(null, chunk);
    },
  });
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that refuses private answers: the check runs on the addresses actually connected to. */
function guardedLookup(allowPrivate: boolean, lookup: LookupAll) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !allowPrivate) {
        const refused: NodeJS.ErrnoException = new UnsafeUrlError(
          `${hostname} resolves to a private address`,
        );
        refused.code = 'EPRIVATE';
        return callback(refused, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
