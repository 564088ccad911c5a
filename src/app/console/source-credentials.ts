// A migration's source secret: the console form's input, validated field by field, then sealed in the
// wizard's format (src/app/wizard/source-credentials.ts) into migrations.source_credentials_enc — never shown
// again, never logged. The same account builds the engine's connector (connectorForAccount).
import type { Logger } from '../../logger.js';
import type { Platform } from '../../model/canonical.js';
import type { SourceConnector } from '../../sources/connector.js';
import { createFreshdeskConnector } from '../../sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../sources/zendesk/index.js';
import type { SourceCredentials as StoredCredentials } from '../wizard/source-credentials.js';
import { FieldErrors } from './field-errors.js';

export type { StoredCredentials };

/** Zendesk and Freshdesk subdomains alike: letters, digits and hyphens (acme for acme.zendesk.com). */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export interface SourceAccount {
  platform: Platform;
  subdomain: string;
  credentials: StoredCredentials;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The credentials form as posted; every wrong field gets its own message (FieldErrors), nothing is stored. */
export function parseCredentialsForm(platform: Platform, form: Record<string, unknown>): SourceAccount {
  const errors = new FieldErrors();
  const subdomain = text(form.subdomain).toLowerCase();
  const host = platform === 'zendesk' ? 'zendesk.com' : 'freshdesk.com';
  if (subdomain === '') errors.add('subdomain', 'refused.subdomain_missing', { host });
  else if (!SUBDOMAIN.test(subdomain)) errors.add('subdomain', 'refused.subdomain_invalid', { host });
  let credentials: StoredCredentials;
  if (platform === 'zendesk') {
    const email = text(form.email);
    const token = text(form.token);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.add('email', 'refused.zendesk_email');
    if (token.length < 8 || /\s/.test(token)) errors.add('token', 'refused.zendesk_token');
    credentials = { platform, email, token };
  } else {
    const apiKey = text(form.apiKey);
    if (apiKey.length < 8 || /\s/.test(apiKey)) errors.add('apiKey', 'refused.freshdesk_api_key');
    credentials = { platform, apiKey };
  }
  errors.throwIfAny();
  return { platform, subdomain, credentials };
}

/**
 * Where a subdomain's help desk answers: the vendor's own host, from the subdomain alone (an admin's input
 * never chooses an address), unless the sandbox points a platform at its sample help desk on 127.0.0.1 (the
 * wizard's SourcePortOptions.baseUrls, same shape). The sandbox answers only at its sample subdomains
 * (`accounts`): any other is told, as a vendor tells it, that no help desk is there.
 */
export type SourceBaseUrls = Partial<Record<Platform, string>> & { accounts?: readonly string[] };

/** The connector for an account (the console's test, the engine's connectorFor). */
export function connectorForAccount(
  account: SourceAccount,
  baseUrls: SourceBaseUrls,
  logger: Logger,
): SourceConnector {
  const baseUrl = baseUrls[account.platform];
  const ctx = {
    logger,
    allowCustomBaseUrl: baseUrl !== undefined,
    allowPrivateAddresses: baseUrl !== undefined,
  };
  const c = account.credentials;
  if (c.platform === 'zendesk') {
    const auth = { kind: 'token' as const, email: c.email, token: c.token };
    return createZendeskConnector(baseUrl ? { baseUrl, auth } : { subdomain: account.subdomain, auth }, ctx);
  }
  return createFreshdeskConnector(
    baseUrl ? { baseUrl, apiKey: c.apiKey } : { domain: account.subdomain, apiKey: c.apiKey },
    ctx,
  );
}
