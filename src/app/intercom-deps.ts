// Everything the Intercom-facing routes need, built from configuration and the database, so main.ts can
// write `intercomRoutes(await intercomRouteDeps(config, logger, knex))`.
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { createCipher, loadOrCreateSecret } from '../crypto.js';
import type { IntercomRoutesDeps } from '../http/routes/intercom.js';
import { SANDBOX_CLIENT_ID } from '../http/routes/intercom.js';
import type { Logger } from '../logger.js';
import type { SourceBaseUrls } from './console/source-credentials.js';
import { dbMigrations, dbUsedTokens, dbWebhookEvents, dbWorkspaces } from './db-ports.js';
import { intercomAuth } from './intercom-auth.js';
import { intercomDirectoryPort } from './wizard/intercom-directory.js';
import { connectorSourcePort } from './wizard/source-port.js';

/** INTERCOM_CLIENT_SECRET, or in development a generated one kept in FERRY_DATA_DIR (the sandbox's). */
export async function intercomClientSecret(config: Config): Promise<string> {
  if (config.intercom.clientSecret) return config.intercom.clientSecret;
  if (config.production) throw new Error('INTERCOM_CLIENT_SECRET is required when NODE_ENV=production');
  return loadOrCreateSecret(config.dataDir, 'intercom-client-secret');
}

export interface IntercomRouteOptions {
  /** The sandbox's help-desk emulators: they answer the sample subdomains typed in the canvas. */
  sourceBaseUrls?: SourceBaseUrls;
  /** The sandbox's Intercom emulator (the sandbox workspace's token is the emulator's). */
  intercomApiUrl?: string | undefined;
  /** The sandbox's Intercom emulator as the OAuth authorize page's host. */
  intercomAppUrl?: string | undefined;
}

export async function intercomRouteDeps(
  config: Config,
  logger: Logger,
  knex: Knex,
  options: IntercomRouteOptions = {},
): Promise<IntercomRoutesDeps> {
  const clientSecret = await intercomClientSecret(config);
  const cipher = await createCipher(config);
  const apiUrl = options.intercomApiUrl ?? config.intercom.apiUrl;
  return {
    config,
    logger,
    clientSecret,
    workspaces: dbWorkspaces(knex, config.retention.uninstallGraceHours),
    migrations: dbMigrations(knex),
    webhookEvents: dbWebhookEvents(knex),
    usedTokens: dbUsedTokens(knex),
    cipher,
    wizard: {
      knex,
      source: connectorSourcePort({
        cipher,
        logger,
        ...(options.sourceBaseUrls ? { baseUrls: options.sourceBaseUrls } : {}),
      }),
      intercom: intercomDirectoryPort({
        cipher,
        logger,
        apiUrl,
      }),
    },
    intercomAuth: intercomAuth({
      clientId: config.intercom.clientId ?? SANDBOX_CLIENT_ID,
      clientSecret,
      apiUrl,
      logger,
    }),
    intercomAppUrl: options.intercomAppUrl ?? config.intercom.appUrl,
  };
}
