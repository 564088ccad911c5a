// Ferry's Intercom-facing app on a fresh database, with signing helpers for the tests.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { intercomRouteDeps } from '../../../src/app/intercom-deps.js';
import { cipherFromKey, type Cipher } from '../../../src/crypto.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import { installSchema } from '../../../src/jobs/runner/index.js';
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
  // An uninstall schedules the workspace's wipe as a job (and an install calls it off).
  await installSchema(db.url);
  const key = randomBytes(32);
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: 'https://ferry.test',
    INTERCOM_CLIENT_SECRET: CLIENT_SECRET,
    FERRY_ENCRYPTION_KEY: key.toString('base64'),
    ...env,
  });
  const logger = createLogger(config);
  const routers = intercomRoutes(await intercomRouteDeps(config, logger, db.knex));
  const app = createApp({ config, logger, readiness: { check: async () => ({ ready: true }) }, routers });
  return { db, app, cipher: cipherFromKey(key) };
}

export const signed = (body: string, secret = CLIENT_SECRET) => signBody(body, secret);
