// Zendesk's HTTP side: the retry policy (429 with Retry-After, 5xx, resets), the account limit (reads paced
// on its headers: pacing.ts), the incremental exports' own limit (10 requests a minute, paced by a RateGate
// rather than hit), and Zendesk's failures in words an admin can act on.
import type { LookupFunction } from 'node:net';
import { ConfigurationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { createHttpClient, vendorDetail, type Failure, type HttpClient } from '../shared/http-client.js';
import { createRateGate, realClock, type Clock, type RateGate } from '../shared/rate-gate.js';
import { isUnknownHost, type RetryPolicy } from '../shared/retry.js';
import { zendeskPacer } from './pacing.js';

// https://developer.zendesk.com/api-reference/introduction/rate-limits — 429 carries Retry-After (seconds);
// list endpoints also send ratelimit-reset (seconds to the window's end). Which failures are retried
// (ECONNREFUSED included, as for every client): src/retry-table.ts.
export const ZENDESK_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.25,
  retryAfterHeaders: ['retry-after'],
  resetHeaders: [{ name: 'ratelimit-reset', kind: 'seconds' }],
  maxWaitMs: 5 * 60_000,
};

export const REJECTED_CREDENTIALS = 'Zendesk rejected the email or API token';

export interface ZendeskClient {
  http: HttpClient;
  /** Paces the incremental exports. */
  exportGate: RateGate;
  host: string;
}

export function createZendeskClient(o: {
  baseUrl: string;
  authorization: string;
  logger: Logger;
  exportLimitPerMinute?: number;
  retryPolicy?: Partial<RetryPolicy>;
  clock?: Clock;
  onRequest?: (url: string) => void;
  lookup?: LookupFunction;
}): ZendeskClient {
  const host = new URL(o.baseUrl).host;
  const clock = o.clock ?? realClock;
  const http = createHttpClient({
    baseUrl: o.baseUrl,
    headers: { Authorization: o.authorization },
    policy: { ...ZENDESK_RETRY_POLICY, ...o.retryPolicy },
    logger: o.logger,
    clock,
    ...(o.onRequest ? { onRequest: o.onRequest } : {}),
    ...(o.lookup ? { lookup: o.lookup } : {}),
    // The calls in flight (8 comment reads) slow down near the end of the window instead of meeting its 429.
    pacer: zendeskPacer(() => clock.now()),
    describeFailure: (f) => describe(f, host),
  });
  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/ — 10 a minute.
  const exportGate = createRateGate(o.exportLimitPerMinute ?? 10, 60_000, clock);
  return { http, exportGate, host };
}

function describe(f: Failure, host: string): ConfigurationError | undefined {
  if (f.status === 401) return new ConfigurationError(REJECTED_CREDENTIALS, 'source');
  if (f.status === 403) {
    return new ConfigurationError(
      'Zendesk refused access: these credentials cannot read everything Ferry needs (an admin API token is required)',
      'source',
    );
  }
  if (isUnknownHost(f.code) || (f.status === 404 && isNoHelpDesk(f.body))) {
    return new ConfigurationError(`There is no Zendesk account at ${host}: check the subdomain`, 'source');
  }
  // Any other refusal (400, 422…) of a request Ferry makes as a rule: the same request gets it again, so
  // the run pauses with Zendesk's words instead of retrying. A 404 stays an HttpFailure: a record gone
  // (a deleted ticket) is the caller's to decide, and a stage that cannot go on pauses on it too.
  const status = f.status;
  if (status !== undefined && status >= 400 && status < 500 && ![404, 408, 429].includes(status)) {
    const detail = vendorDetail(f.body);
    return new ConfigurationError(
      `Zendesk answered ${status} to ${new URL(f.url).pathname}${detail ? `: ${detail}` : ''}`,
      'source',
    );
  }
  return undefined;
}

/** Zendesk answers an unknown subdomain with 404 and an error object titled "No help desk at …". */
function isNoHelpDesk(body: unknown): boolean {
  const error = (body as { error?: unknown } | null)?.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    /no help desk/i.test(String((error as { title?: unknown }).title))
  );
}
