// The source credentials page's use cases. Saving tests the connection first: wrong input or credentials
// the help desk refuses get a message at their field and change nothing. The secret is encrypted before it
// is stored and is never read back into a page, a log line or a canvas.
import type { Knex } from 'knex';
import { ConfigurationError, InputError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Cipher } from '../../crypto.js';
import * as migrations from '../../db/repositories/migrations.js';
import type { AvailableCounts, CredentialCheck } from '../../sources/connector.js';
import type { MigrationRow } from '../../db/repositories/migrations.js';
import { requireOperator, type ConsoleActor } from './access.js';
import { FormError } from './field-errors.js';
import {
  connectorForAccount,
  decryptCredentials,
  encryptCredentials,
  parseCredentialsForm,
  type SourceAccount,
  type SourceLocator,
} from './source-credentials.js';

export interface CredentialsDeps {
  db: Knex;
  logger: Logger;
  cipher: Cipher;
  locator: SourceLocator;
  /** How long a connection test may take. */
  testTimeoutMs?: number;
}

export interface ConnectionResult {
  check: CredentialCheck;
  available: AvailableCounts;
}

/** The field a refusal from the help desk points at. */
function refusedField(account: SourceAccount, message: string): string {
  if (/subdomain|no (zendesk |freshdesk )?help desk|not found|no account/i.test(message)) return 'subdomain';
  return account.platform === 'zendesk' ? 'token' : 'apiKey';
}

/** Checks the credentials and counts what is there; a refusal becomes a FormError at the right field. */
export async function testConnection(
  deps: CredentialsDeps,
  account: SourceAccount,
): Promise<ConnectionResult> {
  const connector = connectorForAccount(account, deps.locator, deps.logger);
  const signal = AbortSignal.timeout(deps.testTimeoutMs ?? 20_000);
  try {
    const check = await connector.checkCredentials(signal);
    const available = await connector.countAvailable(signal);
    return { check, available };
  } catch (error) {
    if (error instanceof FormError) throw error;
    if (error instanceof InputError && error.field) {
      const field = error.field === 'domain' ? 'subdomain' : error.field;
      throw new FormError({ [field]: error.message });
    }
    if (error instanceof ConfigurationError || error instanceof InputError)
      throw new FormError({ [refusedField(account, error.message)]: error.message });
    deps.logger.warn({ err: error, platform: account.platform }, 'source connection test failed');
    throw new FormError({
      subdomain: `${account.platform === 'zendesk' ? 'Zendesk' : 'Freshdesk'} could not be reached at this subdomain. Check it and try again.`,
    });
  }
}

export interface SavedCredentials extends ConnectionResult {
  migration: MigrationRow;
}

/** Validates, tests, then stores the account and the encrypted secret. Nothing changes when any step fails. */
export async function saveCredentials(
  deps: CredentialsDeps,
  actor: ConsoleActor,
  form: Record<string, unknown>,
): Promise<SavedCredentials> {
  const op = requireOperator(actor);
  const account = parseCredentialsForm(op.migration.source_platform, form);
  const result = await testConnection(deps, account);
  const migration = await migrations.setSource(deps.db, op.workspace.id, op.migration.id, {
    source_account: account.subdomain,
    source_credentials_enc: encryptCredentials(deps.cipher, account.credentials),
  });
  if (!migration) throw new InputError('This migration no longer exists.', 'migration');
  deps.logger.info({ migration: migration.id, platform: account.platform }, 'source credentials saved');
  return { ...result, migration };
}

/** Tests what is stored (the "Test connection" button), without showing any of it. */
export async function testStoredCredentials(
  deps: CredentialsDeps,
  actor: ConsoleActor,
): Promise<ConnectionResult> {
  const m = actor.migration;
  if (!m?.source_credentials_enc || !m.source_account)
    throw new FormError({ subdomain: 'No credentials are stored yet: enter them below.' });
  return testConnection(deps, {
    platform: m.source_platform,
    subdomain: m.source_account,
    credentials: decryptCredentials(deps.cipher, m.source_credentials_enc),
  });
}

/** The engine's connectorFor(migration): the stored account and secret, decrypted only here. */
export function storedAccount(
  cipher: Cipher,
  m: Pick<MigrationRow, 'source_platform' | 'source_account' | 'source_credentials_enc'>,
): SourceAccount {
  if (!m.source_credentials_enc || !m.source_account)
    throw new ConfigurationError(
      'The source help desk is not connected yet: enter its credentials in the console.',
      'source',
    );
  return {
    platform: m.source_platform,
    subdomain: m.source_account,
    credentials: decryptCredentials(cipher, m.source_credentials_enc),
  };
}
