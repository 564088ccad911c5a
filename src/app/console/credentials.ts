// The source credentials page's use cases. Saving tests the connection first (the wizard's SourcePort, the
// same test the canvas runs): wrong input or credentials the help desk refuses get a message at their field
// and change nothing. The secret is sealed before it is stored and never read back into a page or a log line.
import type { Knex } from 'knex';
import { ConfigurationError, InputError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Cipher } from '../../crypto.js';
import * as migrations from '../../db/repositories/migrations.js';
import type { MigrationRow } from '../../db/repositories/migrations.js';
import type { SourcePort, SourceTestResult } from '../wizard/ports.js';
import { openSourceCredentials, sealSourceCredentials } from '../wizard/source-credentials.js';
import { saveConnection } from '../wizard/store.js';
import { afterReconnect } from '../retention.js';
import { DEFAULT_RETENTION_DAYS } from '../../jobs/tasks/retention.js';
import { requireOperator, type ConsoleActor } from './access.js';
import { FormError } from './field-errors.js';
import type { Refusal } from './refusals.js';
import { parseCredentialsForm, type SourceAccount } from './source-credentials.js';

export interface CredentialsDeps {
  db: Knex;
  logger: Logger;
  cipher: Cipher;
  source: SourcePort;
  /** FERRY_RETENTION_DAYS (default 5). */
  retentionDays?: number;
  /** The clock a reconnect after retention's wipe counts from (tests give their own). */
  now?: () => Date;
}

export type ConnectionResult = Extract<SourceTestResult, { ok: true }>;

/** Tests the sealed credentials; a refusal becomes a FormError at the subdomain or the secret's field. */
async function test(
  deps: CredentialsDeps,
  access: Parameters<SourcePort['test']>[0],
): Promise<ConnectionResult> {
  const result = await deps.source.test(access);
  if (result.ok) return result;
  const field =
    result.field === 'subdomain' ? 'subdomain' : access.platform === 'zendesk' ? 'token' : 'apiKey';
  const refusal: Refusal = { key: `refused.${result.problem}` };
  throw new FormError({ [field]: result.detail ? { ...refusal, detail: result.detail } : refusal });
}

export interface SavedCredentials extends ConnectionResult {
  migration: MigrationRow;
}

/** Validates, tests, then stores the account and the sealed secret. Nothing changes when any step fails. */
export async function saveCredentials(
  deps: CredentialsDeps,
  actor: ConsoleActor,
  form: Record<string, unknown>,
): Promise<SavedCredentials> {
  const op = requireOperator(actor);
  const account = parseCredentialsForm(op.migration.source_platform, form);
  const credentialsEnc = sealSourceCredentials(deps.cipher, account.credentials, op.migration.id);
  const result = await test(deps, {
    platform: account.platform,
    account: account.subdomain,
    credentialsEnc,
    migrationId: op.migration.id,
  });
  const migration = await migrations.setSource(deps.db, op.workspace.id, op.migration.id, {
    source_account: account.subdomain,
    source_credentials_enc: credentialsEnc,
  });
  if (!migration) throw new InputError('This migration no longer exists.', 'migration');
  // Entered again after retention's wipe: kept for one more retention period (a completed delta sets the next).
  const now = deps.now?.() ?? new Date();
  await afterReconnect(deps.db, migration.id, now, deps.retentionDays ?? DEFAULT_RETENTION_DAYS);
  // The canvas shows the connection on its next refresh, as if Test connection had been pressed there.
  await saveConnection({ knex: deps.db, workspaceId: op.workspace.id, migrationId: migration.id }, result);
  deps.logger.info({ migration: migration.id, platform: account.platform }, 'source credentials saved');
  return { ...result, migration };
}

/**
 * Tests what is stored (the "Test connection" button), without showing any of it. Operators only: it calls
 * the help desk with the stored secret.
 */
export async function testStoredCredentials(
  deps: CredentialsDeps,
  actor: ConsoleActor,
): Promise<ConnectionResult> {
  const m = requireOperator(actor).migration;
  if (!m?.source_credentials_enc || !m.source_account)
    throw new FormError({ subdomain: { key: 'refused.nothing_stored' } });
  return test(deps, {
    platform: m.source_platform,
    account: m.source_account,
    credentialsEnc: m.source_credentials_enc,
    migrationId: m.id,
  });
}

/** The engine's connectorFor(migration): the stored account and secret, opened only here. */
export function storedAccount(
  cipher: Cipher,
  m: Pick<MigrationRow, 'id' | 'source_platform' | 'source_account' | 'source_credentials_enc'>,
): SourceAccount {
  const credentials = m.source_credentials_enc
    ? openSourceCredentials(cipher, m.source_credentials_enc, m.id)
    : null;
  if (!credentials || !m.source_account)
    throw new ConfigurationError(
      'The source help desk is not connected: enter its credentials in the console.',
      'source',
    );
  return { platform: m.source_platform, subdomain: m.source_account, credentials };
}
