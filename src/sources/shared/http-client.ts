// The HTTP client every connector uses (axios): JSON GETs against one origin, retries decided by the
// vendor's RetryPolicy (decideRetry), optional pacing through a RateGate and a Pacer, and a vendor hook that turns a
// final failure into the error class that decides what happens next (STYLE.md §4).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { LookupFunction } from 'node:net';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { Logger } from '../../logger.js';
import { FerryError, RetryableError } from '../../errors.js';
import { decideRetry, networkErrorCode, type RetryPolicy } from './retry.js';
import { realClock, type Clock, type RateGate } from './rate-gate.js';
import type { Pacer } from './remaining-pacer.js';

export interface Failure {
  status?: number;
  /** Network error code (ENOTFOUND, ECONNREFUSED…) when there was no response. */
  code?: string;
  url: string;
  body?: unknown;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Sent with every request (the credentials): only ever to baseUrl's origin. */
  headers: Record<string, string>;
  policy: RetryPolicy;
  logger: Logger;
  clock?: Clock;
  timeoutMs?: number;
  /** Vendor wording for a failure that will not be retried; undefined falls back to a generic error. */
  describeFailure?(failure: Failure): FerryError | undefined;
  /** Called once per HTTP request sent (the bench counts calls with it). */
  onRequest?(url: string): void;
  random?: () => number;
  /** DNS lookup for the vendor's host (tests stub it: an unknown subdomain without leaving 127.0.0.1). */
  lookup?: LookupFunction;
  /** Paces every read on the vendor's rate-limit headers (remaining-pacer.ts). */
  pacer?: Pacer;
}

export interface GetOptions {
  params?: Record<string, string | number | boolean | string[] | undefined>;
  signal?: AbortSignal;
  /** Waited on before each attempt (per-endpoint limits such as Zendesk's 10 exports a minute). */
  gate?: RateGate;
}

export interface JsonResponse {
  data: unknown;
  status: number;
  headers: Record<string, string | undefined>;
}

export interface HttpClient {
  readonly origin: string;
  getJson(pathOrUrl: string, options?: GetOptions): Promise<JsonResponse>;
  /**
   * One write (POST, PUT, DELETE), never retried: a create whose answer was lost could otherwise be made
   * twice. Failures are described as for reads.
   */
  sendJson(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<JsonResponse>;
}

export class HttpFailure extends FerryError {
  readonly code = 'http_failure';
  constructor(
    message: string,
    readonly failure: Failure,
  ) {
    super(message);
  }
}

export function createHttpClient(o: HttpClientOptions): HttpClient {
  const origin = new URL(o.baseUrl).origin;
  const clock = o.clock ?? realClock;
  const random = o.random ?? Math.random;
  const http: AxiosInstance = axios.create({
    baseURL: origin,
    timeout: o.timeoutMs ?? 60_000,
    maxRedirects: 0,
    validateStatus: () => true,
    headers: { Accept: 'application/json', 'User-Agent': 'Ferry/0.1', ...o.headers },
    ...(o.lookup
      ? { httpAgent: new HttpAgent({ lookup: o.lookup }), httpsAgent: new HttpsAgent({ lookup: o.lookup }) }
      : {}),
  });

  function resolve(pathOrUrl: string): string {
    const url = new URL(pathOrUrl, o.baseUrl);
    // Next-page URLs come from the vendor's response: never send the credentials to another origin.
    if (url.origin !== origin)
      throw new HttpFailure(`Refusing to follow a link to another host (${url.host})`, { url: url.href });
    return url.href;
  }

  async function getJson(pathOrUrl: string, options: GetOptions = {}): Promise<JsonResponse> {
    const url = resolve(pathOrUrl);
    for (let attempt = 1; ; attempt++) {
      await options.gate?.take(options.signal);
      await o.pacer?.acquire(options.signal);
      o.onRequest?.(url);
      let failure: Failure;
      let headers: Record<string, string | undefined> = {};
      let status: number | null = null;
      try {
        const res = await http.get(url, { params: options.params, signal: options.signal });
        headers = normaliseHeaders(res.headers);
        status = res.status;
        if (res.status >= 200 && res.status < 300) return { data: res.data, status: res.status, headers };
        failure = { status: res.status, url, body: res.data };
      } catch (err) {
        if (options.signal?.aborted || !(err instanceof AxiosError)) throw err;
        failure = { url, code: networkErrorCode(err) ?? 'ERR_NETWORK' };
      } finally {
        o.pacer?.done(status, headers);
      }
      const decision = decideRetry(o.policy, {
        attempt,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
        ...(failure.code !== undefined ? { errorCode: failure.code } : {}),
        headers,
        now: clock.now(),
        random: random(),
      });
      if (decision.retry) {
        o.logger.debug({ url, attempt, delayMs: decision.delayMs, reason: decision.reason }, 'retrying');
        await clock.sleep(decision.delayMs, options.signal);
        continue;
      }
      const described = o.describeFailure?.(failure);
      if (described) throw described;
      if (failure.status === 429 || (failure.status ?? 0) >= 500 || failure.code) {
        throw new RetryableError(`${url}: ${decision.reason}`, decision.waitMs);
      }
      const detail = vendorDetail(failure.body);
      throw new HttpFailure(`${url}: HTTP ${failure.status}${detail ? ` (${detail})` : ''}`, failure);
    }
  }

  async function sendJson(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    options: { signal?: AbortSignal } = {},
  ): Promise<JsonResponse> {
    const url = resolve(path);
    o.onRequest?.(url);
    let failure: Failure;
    try {
      const res = await http.request({ url, method, data: body, signal: options.signal });
      if (res.status >= 200 && res.status < 300)
        return { data: res.data, status: res.status, headers: normaliseHeaders(res.headers) };
      failure = { status: res.status, url, body: res.data };
    } catch (err) {
      if (options.signal?.aborted || !(err instanceof AxiosError)) throw err;
      failure = { url, code: networkErrorCode(err) ?? 'ERR_NETWORK' };
    }
    const described = o.describeFailure?.(failure);
    if (described) throw described;
    const detail = vendorDetail(failure.body);
    throw new HttpFailure(
      `${method} ${url}: ${failure.status ? `HTTP ${failure.status}` : failure.code}${detail ? ` (${detail})` : ''}`,
      failure,
    );
  }

  return { origin, getJson, sendJson };
}

function normaliseHeaders(raw: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') out[k.toLowerCase()] = String(v);
      else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
    }
  }
  return out;
}

/**
 * The vendor's own words in an error body, if any: Zendesk's {error, description} and {error: {title,
 * message}}, or a plain {message}. Shown to the admin as the reason of a pause.
 */
export function vendorDetail(body: unknown): string | null {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body ? body.slice(0, 300) : null;
  const b = body as { error?: unknown; description?: unknown; message?: unknown };
  const inner =
    b.error && typeof b.error === 'object' ? (b.error as { title?: unknown; message?: unknown }) : null;
  const words = [
    typeof b.error === 'string' ? b.error : inner?.title,
    b.description ?? inner?.message ?? b.message,
  ].filter((w): w is string => typeof w === 'string' && w.length > 0);
  return words.length > 0 ? words.join(': ') : null;
}
