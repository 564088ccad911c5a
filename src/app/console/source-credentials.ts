// A migration's source secret: the form's input, validated field by field, stored as JSON encrypted with
// src/crypto.ts's cipher in migrations.source_credentials_enc (never shown again, never logged). The same
// shape builds the connector for the console's "Test connection" and for the engine's connectorFor.
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { Platform } from '../../model/canonical.js';
import type { Cipher } from '../../crypto.js';
import type { SourceConnector } from '../../sources/connector.js';
import { createFreshdeskConnector } from '../../sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../sources/zendesk/index.js';
import { FieldErrors } from './field-errors.js';

/** Zendesk and Freshdesk subdomains alike: letters, digits and hyphens (acme for acme.zendesk.com). */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export const storedCredentialsSchema = z.discriminatedUnion('platform', [
  z.object({ platform: z.literal('zendesk'), email: z.string(), token: z.string() }),
  z.object({ platform: z.literal('freshdesk'), apiKey: z.string() }),
]);
export type StoredCredentials = z.infer<typeof storedCredentialsSchema>;

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
  if (subdomain === '') errors.add('subdomain', `Enter your subdomain (acme for acme.${host}).`);
  else if (!SUBDOMAIN.test(subdomain))
    errors.add(
      'subdomain',
      `Only letters, digits and hyphens: no dots, slashes or spaces (acme for acme.${host}).`,
    );
  let credentials: StoredCredentials;
  if (platform === 'zendesk') {
    const email = text(form.email);
    const token = text(form.token);
    if (!/^[^\s@]+@[^\s@]+$/.test(email))
      errors.add('email', 'Enter the e-mail address of the Zendesk admin the token belongs to.');
    if (token.length < 8 || /\s/.test(token))
      errors.add('token', 'Paste the whole API token from Admin Center › Apps and integrations › APIs.');
    credentials = { platform, email, token };
  } else {
    const apiKey = text(form.apiKey);
    if (apiKey.length < 8 || /\s/.test(apiKey))
      errors.add('apiKey', 'Paste the whole API key from your Freshdesk profile settings.');
    credentials = { platform, apiKey };
  }
  errors.throwIfAny();
  return { platform, subdomain, credentials };
}

export function encryptCredentials(cipher: Cipher, credentials: StoredCredentials): string {
  return cipher.encrypt(JSON.stringify(credentials));
}

export function decryptCredentials(cipher: Cipher, enc: string): StoredCredentials {
  return storedCredentialsSchema.parse(JSON.parse(cipher.decrypt(enc)));
}

/**
 * Where a subdomain's help desk answers. Production: the vendor's own host, from the subdomain alone (an
 * admin's input never chooses an address). The sandbox: the built-in sample help desk on 127.0.0.1.
 */
export interface SourceLocator {
  baseUrlFor(platform: Platform, subdomain: string): string | undefined;
}

export const vendorHosts: SourceLocator = { baseUrlFor: () => undefined };

/** The connector for an account (the console's test, the engine's connectorFor). */
export function connectorForAccount(
  account: SourceAccount,
  locator: SourceLocator,
  logger: Logger,
): SourceConnector {
  const baseUrl = locator.baseUrlFor(account.platform, account.subdomain);
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
