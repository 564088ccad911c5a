// The Freshdesk HTTP client: API-key Basic auth (`{key}:X`), JSON only, retries as data (retry.ts), and the
// vendor's errors turned into Ferry's error classes. Streams call get()/post(); nothing else talks HTTP.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ConfigurationError, ForbiddenError, RetryableError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { decideRetry, isUnknownHost, networkErrorCode, type RetryPolicy } from '../shared/retry.js';
import { FRESHDESK_RETRY_POLICY } from './retry.js';
import { abortableSleep } from '../../abortable-sleep.js';
import { freshdeskPacer } from './pacing.js';

export interface FreshdeskResponse {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}

export interface FreshdeskClientOptions {
  baseUrl: string;
  apiKey: string;
  logger: Logger;
  retry?: RetryPolicy;
  /** Wait function (tests pass a fast one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  timeoutMs?: number;
  /** DNS lookup for the account's host (tests stub it: an unknown subdomain without leaving 127.0.0.1). */
  lookup?: LookupFunction;
}

export interface RequestOptions {
  params?: Record<string, string | number>;
  signal?: AbortSignal;
  /** Statuses handed back to the caller instead of thrown (404 for "not here, try the archive"). */
  allow?: number[];
}

function headersOf(res: AxiosResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
  }
  return out;
}

export class FreshdeskClient {
  /** API calls made (each retry counts: that is what the rate limit counts). */
  calls = 0;
  readonly origin: string;
  private readonly http: AxiosInstance;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly pacer = freshdeskPacer();

  constructor(private readonly o: FreshdeskClientOptions) {
    this.origin = o.baseUrl.replace(/\/+$/, '');
    this.policy = o.retry ?? FRESHDESK_RETRY_POLICY;
    this.sleep = o.sleep ?? abortableSleep;
    this.http = axios.create({
      baseURL: this.origin,
      timeout: o.timeoutMs ?? 60_000,
      // Credentials: only ever to this origin (attachments go through the fetch guard instead).
      auth: { username: o.apiKey, password: 'X' },
      headers: { Accept: 'application/json' },
      validateStatus: () => true,
      maxRedirects: 0,
      // One connection reused for the whole read rather than a handshake per call.
      httpAgent: new http.Agent({ keepAlive: true, ...(o.lookup ? { lookup: o.lookup } : {}) }),
      httpsAgent: new https.Agent({ keepAlive: true, ...(o.lookup ? { lookup: o.lookup } : {}) }),
    });
  }

  get(path: string, options: RequestOptions = {}): Promise<FreshdeskResponse> {
    return this.send('GET', path, undefined, options);
  }

  post(path: string, body: unknown, options: RequestOptions = {}): Promise<FreshdeskResponse> {
    return this.send('POST', path, body, options);
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: RequestOptions,
  ): Promise<FreshdeskResponse> {
    for (let attempt = 1; ; attempt++) {
      let res: FreshdeskResponse;
      await this.pacer.acquire(options.signal);
      try {
        this.calls++;
        const raw = await this.http.request({
          method,
          url: path,
          params: options.params,
          data: body,
          signal: options.signal,
        });
        res = { status: raw.status, data: raw.data, headers: headersOf(raw) };
        this.pacer.done(res.status, res.headers);
      } catch (err) {
        this.pacer.done(null);
        if (options.signal?.aborted) throw err;
        const code = networkErrorCode(err) ?? '';
        // No such host: the subdomain is wrong. A DNS failure for now (EAI_AGAIN) is retried below instead.
        if (isUnknownHost(code)) {
          throw new ConfigurationError(
            `There is no Freshdesk help desk at ${new URL(this.origin).host}: check the subdomain`,
            'source',
            { cause: err },
          );
        }
        const decision = decideRetry(this.policy, {
          attempt,
          errorCode: code,
          now: Date.now(),
          random: Math.random(),
        });
        if (!decision.retry) {
          throw new RetryableError(`Freshdesk did not answer (${code || 'network error'})`, undefined, {
            cause: err,
          });
        }
        await this.sleep(decision.delayMs, options.signal);
        continue;
      }
      // X-RateLimit-Remaining paces the calls in flight (pacing.ts): near the end of the minute they go one at
      // a time, so one call, not all of them, meets the 429 whose Retry-After (retry policy) says how long.
      if (res.status >= 200 && res.status < 300) return res;
      if (options.allow?.includes(res.status)) return res;
      const decision = decideRetry(this.policy, {
        attempt,
        status: res.status,
        headers: res.headers,
        now: Date.now(),
        random: Math.random(),
      });
      if (decision.retry) {
        this.o.logger.debug({ status: res.status, path, delayMs: decision.delayMs }, 'freshdesk: retrying');
        await this.sleep(decision.delayMs, options.signal);
        continue;
      }
      throw this.errorFor(res, path, decision.waitMs);
    }
  }

  /** Freshdesk's refusal as one of Ferry's errors (also for callers that let a status through first). */
  errorFor(res: FreshdeskResponse, path: string, waitMs?: number): Error {
    const detail = vendorMessage(res.data);
    if (res.status === 401) return new ConfigurationError('Freshdesk rejected the API key', 'source');
    if (res.status === 403) {
      return new ForbiddenError(
        `Freshdesk refused ${path} to this API key${detail ? ` (${detail})` : ''}: it needs an administrator's key`,
      );
    }
    if (res.status === 429 || res.status >= 500) {
      return new RetryableError(`Freshdesk answered ${res.status} on ${path} after retries`, waitMs);
    }
    return new ConfigurationError(
      `Freshdesk answered ${res.status} on ${path}${detail ? `: ${detail}` : ''}`,
      'source',
    );
  }
}

/** The message out of Freshdesk's error body ({code, message} or {description, errors[]}), if any. */
export function vendorMessage(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { message?: unknown; description?: unknown; code?: unknown; errors?: unknown };
  if (Array.isArray(d.errors) && d.errors.length > 0) {
    const first = d.errors[0] as { field?: unknown; message?: unknown };
    return [first.field, first.message].filter((x) => typeof x === 'string').join(': ');
  }
  for (const v of [d.message, d.description, d.code]) if (typeof v === 'string') return v;
  return null;
}
