// Ferry's Intercom-facing app on a fresh database, with signing helpers for the tests.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { intercomAuth } from '../../../src/app/intercom-auth.js';
import { dbMigrations, dbWebhookEvents, dbWorkspaces } from '../../../src/app/db-ports.js';
import { cipherFromKey, type Cipher } from '../../../src/crypto.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import { intercomRoutes } from '../../../src/http/routes/intercom.js';
import { signBody } from '../../../src/intercom/signature.js';
import { createLogger } from '../../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

export const CLIENT_SECRET = 'test-client-secret';
export const CLIENT_ID = 'test-client-id';

export interface Harness {
  db: TestDatabase;
  app: Express;
  cipher: Cipher;
}

export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase({ migrated: true });
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://ferry.test', ...env });
  const logger = createLogger(config);
  const cipher = cipherFromKey(randomBytes(32));
  const routers = intercomRoutes({
    config,
    logger,
    clientSecret: CLIENT_SECRET,
    workspaces: dbWorkspaces(db.knex),
    migrations: dbMigrations(db.knex),
    webhookEvents: dbWebhookEvents(db.knex),
    cipher,
    intercomAuth: intercomAuth({
      clientId: config.intercom.clientId ?? CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      apiUrl: config.intercom.apiUrl,
      logger,
    }),
  });
  const app = createApp({ config, logger, readiness: { check: async () => ({ ready: true }) }, routers });
  return { db, app, cipher };
}

export const signed = (body: string, secret = CLIENT_SECRET) => signBody(body, secret);
