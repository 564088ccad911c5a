// Turns a failed Intercom call into one of Ferry's error classes (src/errors.ts), which decide what
// happens next: ConfigurationError pauses the run, RecordError fails the record, RetryableError retries.
import { z } from 'zod';
import { ConfigurationError, RecordError, RetryableError } from '../errors.js';
import { isUnknownHost } from '../retry-table.js';

// Intercom's error list (2.16 components/schemas/error).
export const intercomErrorBody = z.looseObject({
  type: z.string(),
  request_id: z.string().nullish(),
  errors: z.array(
    z.looseObject({ code: z.string(), message: z.string().nullish(), field: z.string().nullish() }),
  ),
});
export type IntercomErrorBody = z.infer<typeof intercomErrorBody>;

export function intercomMessage(body: unknown, fallback: string): string {
  const parsed = intercomErrorBody.safeParse(body);
  if (!parsed.success || parsed.data.errors.length === 0) return fallback;
  return parsed.data.errors.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ');
}

/** A write that may or may not have been applied (5xx, timeout, reset after sending): read back first. */
export class OutcomeUnknownError extends RetryableError {
  readonly outcomeUnknown = true;
}

/** An Intercom answer Ferry could not parse: the record fails, naming the call. */
export class IntercomResponseError extends RecordError {}

/** Intercom answered 401: the token is revoked (the app was uninstalled). Still pauses the run like any
 *  ConfigurationError; its own class lets callers (the uninstall proof) tell it apart without reading HTTP. */
export class IntercomUnauthorizedError extends ConfigurationError {}

export interface FailedCall {
  method: string;
  path: string;
  status?: number | undefined;
  body?: unknown;
  networkCode?: string | undefined;
  outcomeUnknown: boolean;
  retryAfterMs?: number | undefined;
}

export function toFerryError(f: FailedCall, cause?: unknown): Error {
  const call = `Intercom ${f.method.toUpperCase()} ${f.path}`;
  const status = f.status;
  if (status === 401)
    return new IntercomUnauthorizedError(
      `Intercom no longer accepts Ferry's access token (${intercomMessage(f.body, '401 unauthorized')}). ` +
        'Reinstall Ferry from the Intercom workspace (Settings > Apps), then resume the migration.',
      'intercom',
      { cause },
    );
  if (status === 403)
    return new ConfigurationError(
      `Intercom refused ${call} (${intercomMessage(f.body, '403 forbidden')}): the workspace's plan or Ferry's ` +
        'permissions do not allow it. Check the plan and the app permissions, then resume the migration.',
      'intercom',
      { cause },
    );
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
    return new RecordError(
      `${call} failed with ${status}: ${intercomMessage(f.body, 'no message')}`,
      undefined,
      { cause },
    );
  // No such host (src/retry-table.ts): the API URL is wrong, as a wrong subdomain is for a source.
  if (status === undefined && isUnknownHost(f.networkCode))
    return new ConfigurationError(
      `${call} failed: its host does not exist (${f.networkCode}). Check INTERCOM_API_URL or the ` +
        "workspace's region, then resume the migration.",
      'intercom',
      { cause },
    );
  const what = status !== undefined ? `status ${status}` : (f.networkCode ?? 'a network error');
  if (f.outcomeUnknown)
    return new OutcomeUnknownError(
      `${call} failed with ${what} after it was sent: it may have been applied`,
      f.retryAfterMs,
      {
        cause,
      },
    );
  return new RetryableError(`${call} failed with ${what}`, f.retryAfterMs, { cause });
}

// "A contact matching those details already exists with id=…" (Intercom's 409 on POST /contacts).
const EXISTING_CONTACT = /already exists with id=([0-9a-f]+)/i;

/** The id of the existing contact named by Intercom's 409 on contact create, if it names one. */
export function existingContactId(body: unknown): string | undefined {
  const parsed = intercomErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  for (const e of parsed.data.errors) {
    const m = EXISTING_CONTACT.exec(e.message ?? '');
    if (m) return m[1];
  }
  return undefined;
}
