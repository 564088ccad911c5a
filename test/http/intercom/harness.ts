// Ferry's Intercom-facing app on a fresh database, with signing helpers for the tests.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Express } from 'express';
import { intercomAuth } from '../../../src/app/intercom-auth.js';
import { knexMigrations, knexWebhookEvents, knexWorkspaces } from '../../../src/app/knex-ports.js';
import type { Cipher } from '../../../src/app/ports.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import { intercomRoutes } from '../../../src/http/routes/intercom.js';
import { signBody } from '../../../src/intercom/signature.js';
import { createLogger } from '../../../src/logger.js';
import { up } from '../../../migrations/20261126000000_initial.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

export const CLIENT_SECRET = 'test-client-secret';
export const CLIENT_ID = 'test-client-id';

// Stand-in for src/crypto.ts (db branch) until it is merged: AES-256-GCM, iv.tag.ciphertext in base64.
export function testCipher(key = randomBytes(32)): Cipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return [iv, c.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
    },
    decrypt(sealed) {
      const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
      const d = createDecipheriv('aes-256-gcm', key, iv!);
      d.setAuthTag(tag!);
      return Buffer.concat([d.update(data!), d.final()]).toString('utf8');
    },
  };
}

export interface Harness {
  db: TestDatabase;
  app: Express;
  cipher: Cipher;
}

export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  await up(db.knex);
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://ferry.test', ...env });
  const logger = createLogger(config);
  const cipher = testCipher();
  const routers = intercomRoutes({
    config,
    logger,
    clientSecret: CLIENT_SECRET,
    workspaces: knexWorkspaces(db.knex),
    migrations: knexMigrations(db.knex),
    webhookEvents: knexWebhookEvents(db.knex),
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
