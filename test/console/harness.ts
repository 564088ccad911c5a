// The console under test: createApp with the console routes on a fresh database, the sandbox's sample help
// desk and Intercom emulator on 127.0.0.1, two installed workspaces (A and B) with a migration each.
import type { Express } from 'express';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { cipherFromKey, sealContext } from '../../src/crypto.js';
import { createApp } from '../../src/http/app.js';
import { consoleRoutes } from '../../src/http/routes/console.js';
import { consoleLink } from '../../src/app/console-link.js';
import { intercomDirectoryPort } from '../../src/app/wizard/intercom-directory.js';
import { connectorSourcePort } from '../../src/app/wizard/source-port.js';
import type { SourcePort } from '../../src/app/wizard/ports.js';
import { createLogger } from '../../src/logger.js';
import * as migrations from '../../src/db/repositories/migrations.js';
import * as workspaces from '../../src/db/repositories/workspaces.js';
import { startSandboxEnvironment, type SandboxEnvironment } from '../../src/sandbox/inbox/environment.js';

export const SECRET = 'console-test-secret';
export const PUBLIC_URL = 'http://127.0.0.1:3999';
export const INSTALLER = '1001';
const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });
export const cipher = cipherFromKey(Buffer.alloc(32, 7));

/** The markup without the whitespace between tags and attributes, for readable assertions. */
export const compact = (html: string) =>
  html.replace(/>\s+</g, '><').replace(/\s+/g, ' ').replace(/ >/g, '>');

/** The session's form token, as the console's pages carry it in every form. */
export async function csrfTokenOf(agent: ReturnType<typeof request.agent>): Promise<string> {
  const page = await agent.get('/console');
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error('no form token on /console');
  return token;
}

export interface ConsoleHarness {
  db: TestDatabase;
  env: SandboxEnvironment;
  app: Express;
  /** The source port the console reads the sample help desk through. */
  source: SourcePort;
  a: { workspaceId: string; migrationId: string };
  b: { workspaceId: string; migrationId: string };
  /** A supertest agent holding a session of `adminId` on the workspace. */
  session(workspaceId: string, adminId?: string): Promise<ReturnType<typeof request.agent>>;
  link(workspaceId: string, adminId?: string, ttlSeconds?: number): string;
  migration(workspaceId: string, migrationId: string): Promise<migrations.MigrationRow>;
  close(): Promise<void>;
}

export async function startConsoleHarness(
  platform: 'zendesk' | 'freshdesk' = 'zendesk',
): Promise<ConsoleHarness> {
  const db = await createTestDatabase({ migrated: true });
  const env = await startSandboxEnvironment({ tickets: 20 });
  const install = async (id: string) => {
    const ws = await workspaces.upsertInstalled(db.knex, {
      intercom_workspace_id: id,
      region: 'us',
      access_token_enc: cipher.encrypt(env.intercom.accessToken, sealContext.intercomToken(id)),
      installed_by_admin_id: INSTALLER,
    });
    const m = await migrations.create(db.knex, {
      workspace_id: ws.id,
      name: `${id} migration`,
      source_platform: platform,
    });
    await migrations.addOperator(db.knex, ws.id, m.id, INSTALLER, INSTALLER);
    return { workspaceId: ws.id, migrationId: m.id };
  };
  const a = await install('ws-a');
  const b = await install('ws-b');
  const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL });
  const source = connectorSourcePort({ cipher, logger, baseUrls: env.baseUrls });
  const app = createApp({
    config,
    logger,
    readiness: { check: async () => ({ ready: true }) },
    routers: [
      consoleRoutes({
        db: db.knex,
        logger,
        secret: SECRET,
        publicUrl: PUBLIC_URL,
        cipher,
        source,
        directory: intercomDirectoryPort({ cipher, logger, apiUrl: env.intercom.url }),
      }),
    ],
  });
  const link = (workspaceId: string, adminId = INSTALLER, ttlSeconds?: number) =>
    consoleLink(PUBLIC_URL, SECRET, { workspaceId, adminId }, ttlSeconds);
  return {
    db,
    env,
    app,
    source,
    a,
    b,
    link,
    async session(workspaceId, adminId = INSTALLER) {
      const agent = request.agent(app);
      const url = new URL(link(workspaceId, adminId));
      const res = await agent.get(`${url.pathname}${url.search}`);
      if (res.status !== 303) throw new Error(`link exchange answered ${res.status}`);
      // Every later POST carries the session's form token, as the pages' forms do.
      agent.set('x-csrf-token', await csrfTokenOf(agent));
      return agent;
    },
    async migration(workspaceId, migrationId) {
      return (await migrations.get(db.knex, workspaceId, migrationId))!;
    },
    async close() {
      await env.close();
      await db.drop();
    },
  };
}
