// The one way Ferry calls Intercom: pinned version, the workspace's rate budget, the retry decision,
// zod-parsed answers and Ferry's error classes.
import { setMaxListeners } from 'node:events';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { IntercomResponseError, toFerryError } from './errors.js';
import type { RateBudget } from './rate-budget.js';
import { readRateLimit, readRetryAfter } from './rate-budget.js';
import { networkErrorCode } from '../retry-table.js';
import { decideRetry, DEFAULT_RETRY_POLICY, type CallFailure, type RetryPolicy } from './retry-policy.js';
import { abortableSleep } from '../abortable-sleep.js';
import { noteCall, noteWait } from './call-meter.js';

export const INTERCOM_VERSION = '2.16';
/** Calls that may wait on one abort signal at once (records in flight × parallel calls each). */
export const MAX_WAITING_CALLS = 4096;

export interface CallOptions<T extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  schema: T;
  /** Repeating the call is harmless (reads, upserts, tagging): retried even when the outcome is unknown. */
  idempotent?: boolean;
  /** Statuses answered to the caller as `{ status, body }` instead of an error (e.g. 409 on contacts). */
  passStatuses?: number[];
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; status: number; body: unknown };

export interface IntercomHttp {
  call<T extends z.ZodType>(o: CallOptions<T>): Promise<CallResult<z.infer<T>>>;
  request<T extends z.ZodType>(o: Omit<CallOptions<T>, 'passStatuses'>): Promise<z.infer<T>>;
  /** The same client (token, budget, connections) whose waits end when `signal` aborts. */
  withSignal(signal: AbortSignal): IntercomHttp;
  /** What the workspace's rate budget still allows, in calls a second (RateBudget.remainingPerSecond). */
  remainingPerSecond(): number | undefined;
}

export interface HttpOptions {
  baseUrl: string;
  accessToken: string;
  budget: RateBudget;
  logger: Logger;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Ends every wait (the rate budget's, a retry's) with the signal's reason: a pause, a shutdown. */
  signal?: AbortSignal;
}

function failureOf(err: unknown): { failure: CallFailure; status?: number; body?: unknown } {
  if (err instanceof AxiosError && err.response) {
    const headers = err.response.headers as Record<string, unknown>;
    const info = readRateLimit(headers);
    return {
      failure: {
        kind: 'status',
        status: err.response.status,
        rateLimitResetSec: info?.resetSec,
        retryAfterMs: readRetryAfter(headers),
      },
      status: err.response.status,
      body: err.response.data,
    };
  }
  const code = networkErrorCode(err) ?? 'EUNKNOWN';
  return { failure: { kind: 'network', code } };
}

export function createIntercomHttp(o: HttpOptions): IntercomHttp {
  const ax: AxiosInstance = axios.create({
    baseURL: o.baseUrl,
    timeout: o.timeoutMs ?? 30_000,
    headers: {
      Authorization: `Bearer ${o.accessToken}`,
      'Intercom-Version': INTERCOM_VERSION,
      Accept: 'application/json',
    },
    maxRedirects: 0,
  });
  return bindHttp(o, ax, o.signal);
}

function bindHttp(o: HttpOptions, ax: AxiosInstance, signal: AbortSignal | undefined): IntercomHttp {
  const policy = o.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = o.sleep ?? abortableSleep;

  async function call<T extends z.ZodType>(c: CallOptions<T>): Promise<CallResult<z.infer<T>>> {
    const idempotent = c.idempotent ?? (c.method === 'get' || c.method === 'put' || c.method === 'delete');
    for (let attempt = 1; ; attempt++) {
      const asked = Date.now();
      const release = await o.budget.acquire(signal);
      const sent = Date.now();
      const waitedMs = sent - asked;
      try {
        const res = await ax.request({ method: c.method, url: c.path, data: c.body, params: c.query });
        noteCall({ waitedMs, serviceMs: Date.now() - sent });
        release(readRateLimit(res.headers as Record<string, unknown>));
        const parsed = c.schema.safeParse(res.data);
        if (!parsed.success)
          throw new IntercomResponseError(
            `Intercom ${c.method.toUpperCase()} ${c.path} answered with an unexpected shape: ${parsed.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join('.')} ${i.message}`)
              .join('; ')}`,
          );
        return { ok: true, data: parsed.data };
      } catch (err) {
        if (!(err instanceof AxiosError)) {
          release(undefined);
          throw err;
        }
        const { failure, status, body } = failureOf(err);
        noteCall({
          waitedMs,
          serviceMs: Date.now() - sent,
          throttled: status === 429,
          timedOut: failure.kind === 'network',
        });
        release(
          err.response ? readRateLimit(err.response.headers as Record<string, unknown>) : undefined,
          status === 429,
          failure.kind === 'status' ? failure.retryAfterMs : undefined,
        );
        if (status !== undefined && c.passStatuses?.includes(status)) return { ok: false, status, body };
        const decision = decideRetry({
          failure,
          attempt,
          idempotent,
          nowMs: Date.now(),
          random: Math.random(),
          policy,
        });
        if (decision.retry) {
          o.logger.debug(
            { path: c.path, attempt, delayMs: decision.delayMs, reason: decision.reason },
            'intercom retry',
          );
          noteWait(decision.delayMs);
          await sleep(decision.delayMs, signal);
          continue;
        }
        const retryAfterMs =
          status === 429 && failure.kind === 'status'
            ? (failure.retryAfterMs ??
              (failure.rateLimitResetSec
                ? Math.max(0, failure.rateLimitResetSec * 1000 - Date.now())
                : undefined))
            : undefined;
        throw toFerryError(
          {
            method: c.method,
            path: c.path,
            status,
            body,
            networkCode: failure.kind === 'network' ? failure.code : undefined,
            outcomeUnknown: decision.outcomeUnknown,
            retryAfterMs,
          },
          err,
        );
      }
    }
  }

  return {
    call,
    async request(c) {
      const r = await call(c);
      if (!r.ok) throw new Error('unreachable: no status passed through');
      return r.data;
    },
    withSignal: (next) => {
      const combined = signal ? AbortSignal.any([signal, next]) : next;
      // Every call waiting for the budget listens to it: a window of records in flight means many listeners.
      setMaxListeners(MAX_WAITING_CALLS, combined);
      return bindHttp(o, ax, combined);
    },
    remainingPerSecond: () => o.budget.remainingPerSecond(),
  };
}
