// The one table of what a failed HTTP call means, for every client Ferry has (Zendesk, Freshdesk, Intercom):
// is it worth another try, and may the request have reached the server and been applied? The second
// question matters for writes that are not idempotent (Intercom's): one that may have been applied is not
// repeated blindly; the ledger reads Intercom back first (DESIGN.md, the ledger). Each client keeps its own
// timing (attempts, backoff, which headers say how long to wait); whether to retry at all is decided here.
// Tested row by row: test/security/retry-table.test.ts.

export interface FailureRow {
  /** Worth another try after a wait. */
  retry: boolean;
  /** The server may have received the whole request and applied it (false: it certainly did not). */
  maybeApplied: boolean;
  /** Why, in a few words (logs and tests). */
  why: string;
}

/** Network error codes (Node's socket and DNS errors; ECONNABORTED is axios's timeout). */
export const NETWORK_FAILURES: Readonly<Record<string, FailureRow>> = {
  ECONNREFUSED: { retry: true, maybeApplied: false, why: 'connection refused: nothing was sent' },
  // A wrong subdomain or URL: a configuration error for the admin (isUnknownHost), never retried.
  ENOTFOUND: { retry: false, maybeApplied: false, why: 'no such host: nothing was sent' },
  EAI_AGAIN: { retry: true, maybeApplied: false, why: 'DNS did not answer for now: nothing was sent' },
  EHOSTUNREACH: { retry: true, maybeApplied: false, why: 'host unreachable: nothing was sent' },
  ENETUNREACH: { retry: true, maybeApplied: false, why: 'network unreachable: nothing was sent' },
  ECONNRESET: { retry: true, maybeApplied: true, why: 'connection reset: the request may have arrived' },
  ETIMEDOUT: { retry: true, maybeApplied: true, why: 'timed out: the request may have arrived' },
  ECONNABORTED: { retry: true, maybeApplied: true, why: 'timed out: the request may have arrived' },
  EPIPE: { retry: true, maybeApplied: true, why: 'connection closed while sending' },
};

/** A network failure the table does not name (a TLS error, a cancelled request): not retried here. */
export const UNKNOWN_NETWORK_FAILURE: FailureRow = {
  retry: false,
  maybeApplied: true,
  why: 'an unclassified network failure',
};

/** HTTP statuses worth another try; every other status is final (see classifyStatus). */
export const STATUS_FAILURES: Readonly<Record<number, FailureRow>> = {
  408: { retry: true, maybeApplied: false, why: 'request timeout: the server did not get it all' },
  429: { retry: true, maybeApplied: false, why: 'rate limited: refused, not applied' },
  500: { retry: true, maybeApplied: true, why: 'server error: may have been applied' },
  502: { retry: true, maybeApplied: true, why: 'bad gateway: may have been applied behind it' },
  503: { retry: true, maybeApplied: true, why: 'unavailable: may have been applied' },
  504: { retry: true, maybeApplied: true, why: 'gateway timeout: may have been applied behind it' },
};

export function classifyNetworkError(code: string | undefined): FailureRow {
  return (code !== undefined ? NETWORK_FAILURES[code] : undefined) ?? UNKNOWN_NETWORK_FAILURE;
}

export function classifyStatus(status: number): FailureRow {
  const row = STATUS_FAILURES[status];
  if (row) return row;
  if (status >= 500) return { retry: false, maybeApplied: true, why: `server error ${status}` };
  return { retry: false, maybeApplied: false, why: `status ${status}: refused` };
}

/** Another try is safe: the row says retry, and repeating is harmless or nothing was applied. */
export function mayRetry(row: FailureRow, idempotent: boolean): boolean {
  return row.retry && (idempotent || !row.maybeApplied);
}

/**
 * DNS answered that the host does not exist (ENOTFOUND): a wrong subdomain or API URL, a configuration error
 * for the admin to fix at connect time, never retried. DNS failing for now is EAI_AGAIN (retried).
 */
export function isUnknownHost(code: string | undefined): boolean {
  return code === 'ENOTFOUND';
}

/** The network error code of a failed request (axios puts the socket's code on the error or its cause). */
export function networkErrorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  const own = (err as { code?: unknown }).code;
  if (cause && typeof cause.code === 'string') return cause.code;
  return typeof own === 'string' ? own : undefined;
}
