// What a Zendesk connection needs: the account (a validated subdomain, or a base URL where the caller
// allows one) and the credentials (API token or OAuth access token).
import { ConfigurationError, InputError } from '../../errors.js';

export type ZendeskAuth =
  { kind: 'token'; email: string; token: string } | { kind: 'oauth'; accessToken: string };

export interface ZendeskConnectorOptions {
  /** "acme" for acme.zendesk.com: letters, digits and hyphens only. */
  subdomain?: string;
  /** Any base URL: only with ConnectorContext.allowCustomBaseUrl (CLI, tests, the sandbox). */
  baseUrl?: string;
  auth: ZendeskAuth;
  /** Incremental-export calls a minute (Zendesk documents 10; reportedly 30 with the High Volume add-on — unverified). */
  exportLimitPerMinute?: number;
}

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function resolveBaseUrl(o: ZendeskConnectorOptions, allowCustomBaseUrl: boolean): string {
  if (o.baseUrl !== undefined) {
    if (!allowCustomBaseUrl) {
      throw new ConfigurationError(
        'A custom Zendesk base URL is only accepted from the command line or tests',
        'source',
      );
    }
    const url = new URL(o.baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new InputError('baseUrl must be http(s)', 'baseUrl');
    return url.origin;
  }
  const sub = (o.subdomain ?? '').trim();
  if (!SUBDOMAIN.test(sub)) {
    throw new InputError(
      'The Zendesk subdomain may contain only letters, digits and hyphens (acme for acme.zendesk.com)',
      'subdomain',
    );
  }
  return `https://${sub.toLowerCase()}.zendesk.com`;
}

/** https://developer.zendesk.com/api-reference/introduction/security-and-auth/ — `{email}/token:{token}`. */
export function authHeader(auth: ZendeskAuth): string {
  if (auth.kind === 'oauth') return `Bearer ${auth.accessToken}`;
  return `Basic ${Buffer.from(`${auth.email}/token:${auth.token}`).toString('base64')}`;
}
