// Ferry's app through createApp with the wizard's real adapters, pointed at the Zendesk and Intercom
// emulators on 127.0.0.1, on a fresh database; helpers to sign canvas requests as Intercom does.
import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { intercomRouteDeps } from '../../../src/app/intercom-deps.js';
import { cipherFromKey, type Cipher } from '../../../src/crypto.js';
import { loadConfig } from '../../../src/config.js';
import { createApp } from '../../../src/http/app.js';
import { intercomRoutes } from '../../../src/http/routes/intercom.js';
import { signBody } from '../../../src/intercom/signature.js';
import { installSchema } from '../../../src/jobs/runner/index.js';
import { createLogger } from '../../../src/logger.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../../src/sandbox/intercom/index.js';
import { createSampleAccount } from '../../../src/sandbox/sample-account/index.js';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../../../src/sandbox/zendesk/index.js';
import {
  startFreshdeskEmulator,
  type RunningFreshdeskEmulator,
} from '../../../src/sandbox/freshdesk/emulator.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/db.js';

export const CLIENT_SECRET = 'wizard-test-secret';
export const ZENDESK_ADMIN = { email: 'admin@sample-support.test', token: 'test-token-123' };
export const FRESHDESK_ADMIN_KEY = 'wizard-freshdesk-key';

export interface WizardHarness {
  db: TestDatabase;
  app: Express;
  cipher: Cipher;
  zendesk: RunningZendeskEmulator;
  intercom: RunningIntercomEmulator;
  /** With { freshdesk: true }: a Freshdesk emulator answering every Freshdesk subdomain. */
  freshdesk?: RunningFreshdeskEmulator;
  close(): Promise<void>;
}

export async function startWizardHarness(o: { freshdesk?: boolean } = {}): Promise<WizardHarness> {
  const db = await createTestDatabase({ migrated: true });
  // Starting a demo enqueues its first job in the same transaction: the job runner's schema must exist.
  await installSchema(db.url);
  const key = randomBytes(32);
  const zendesk = await startZendeskEmulator({
    account: createSampleAccount({ seed: 'wizard', tickets: 30 }),
    credentials: ZENDESK_ADMIN,
    exportLimitPerMinute: 10_000,
  });
  const intercom = await startIntercomEmulator();
  const freshdesk = o.freshdesk
    ? await startFreshdeskEmulator({
        account: createSampleAccount({ seed: 'wizard', tickets: 30 }),
        apiKey: FRESHDESK_ADMIN_KEY,
      })
    : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'https://ferry.test',
    INTERCOM_CLIENT_SECRET: CLIENT_SECRET,
    INTERCOM_API_URL: intercom.url,
    FERRY_ENCRYPTION_KEY: key.toString('base64'),
  });
  const logger = createLogger(config);
  const cipher = cipherFromKey(key);
  // Every subdomain is answered by the emulator, as in the sandbox.
  const deps = await intercomRouteDeps(config, logger, db.knex, {
    sourceBaseUrls: { zendesk: zendesk.url, ...(freshdesk ? { freshdesk: freshdesk.url } : {}) },
  });
  const routers = intercomRoutes(deps);
  const app = createApp({ config, logger, readiness: { check: async () => ({ ready: true }) }, routers });
  return {
    db,
    app,
    cipher,
    zendesk,
    intercom,
    ...(freshdesk ? { freshdesk } : {}),
    async close() {
      await freshdesk?.close();
      await zendesk.close();
      await intercom.close();
      await db.drop();
    },
  };
}

export interface Submit {
  workspace: string;
  admin: string;
  component: string;
  screen?: string;
  inputs?: Record<string, unknown>;
  storedData?: Record<string, unknown>;
  /** 2.11 context.locale: the workspace's Messenger language, as Intercom sends it. */
  locale?: string;
}

export async function submit(app: Express, s: Submit) {
  const body = JSON.stringify({
    workspace_id: s.workspace,
    workspace_region: 'us',
    admin: { type: 'admin', id: s.admin },
    ...(s.locale ? { context: { location: 'conversation', locale: s.locale } } : {}),
    component_id: s.component,
    current_canvas: {
      content: { components: [] },
      stored_data: s.storedData ?? { screen: s.screen ?? 'home' },
    },
    input_values: s.inputs ?? {},
  });
  return request(app)
    .post('/canvas/submit')
    .set('content-type', 'application/json')
    .set('x-body-signature', signBody(body, CLIENT_SECRET))
    .send(body);
}

export async function initialize(app: Express, workspace: string, admin: string, locale?: string) {
  const body = JSON.stringify({
    workspace_id: workspace,
    workspace_region: 'us',
    admin: { id: admin },
    ...(locale ? { context: { location: 'conversation', locale } } : {}),
  });
  return request(app)
    .post('/canvas/initialize')
    .set('content-type', 'application/json')
    .set('x-body-signature', signBody(body, CLIENT_SECRET))
    .send(body);
}

export const texts = (res: request.Response): string => JSON.stringify(res.body.canvas.content.components);
