// The console's use cases, and what the composition root gives them.
import type { Knex } from 'knex';
import type { Cipher } from '../../crypto.js';
import type { Logger } from '../../logger.js';
import type { IntercomDirectoryPort, SourcePort } from '../wizard/ports.js';
import type { SupportMessenger } from './messenger.js';

export interface ConsoleDeps {
  db: Knex;
  logger: Logger;
  /** Signs and checks the console links and sessions (the app's client secret). */
  secret: string;
  publicUrl: string;
  cipher: Cipher;
  /** The source's connection test and catalogue (the wizard's port: the canvas and the console agree). */
  source: SourcePort;
  /** The workspace's teammates, teams and attributes (the mappings page). */
  directory: IntercomDirectoryPort;
  supportMessenger?: SupportMessenger | undefined;
  /** FERRY_RETENTION_DAYS: credentials entered again after retention's wipe are kept this long (default 5). */
  retentionDays?: number;
}

export * from './access.js';
export * from './catalog.js';
export * from './credentials.js';
export * from './field-errors.js';
export * from './messenger.js';
export * from './operators.js';
export * from './reports.js';
export * from './session.js';
export * from './settings-forms.js';
export * from './source-credentials.js';
