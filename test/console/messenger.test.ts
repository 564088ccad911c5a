import jwt from 'jsonwebtoken';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { consoleRoutes } from '../../src/http/routes/console.js';
import { createLogger } from '../../src/logger.js';
import {
  cipher,
  INSTALLER,
  PUBLIC_URL,
  SECRET,
  startConsoleHarness,
  type ConsoleHarness,
} from './harness.js';
import { intercomDirectoryPort } from '../../src/app/wizard/intercom-directory.js';
import { connectorSourcePort } from '../../src/app/wizard/source-port.js';

const MESSENGER = { appId: 'abc12345', secret: 'messenger-api-secret' };
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

describe('support Messenger on the console', () => {
  it('when a support Messenger is configured, then every page boots it from our own bundle with a signed intercom_user_jwt', async () => {
    const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });
    const app = createApp({
      config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL }),
      logger,
      readiness: { check: async () => ({ ready: true }) },
      routers: [
        consoleRoutes({
          db: h.db.knex,
          logger,
          secret: SECRET,
          publicUrl: PUBLIC_URL,
          cipher,
          source: connectorSourcePort({ cipher, logger, baseUrls: h.env.baseUrls }),
          directory: intercomDirectoryPort({ cipher, logger, apiUrl: h.env.intercom.url }),
          supportMessenger: MESSENGER,
        }),
      ],
    });
    const agent = request.agent(app);
    const link = new URL(h.link(h.a.workspaceId));
    await agent.get(`${link.pathname}${link.search}`);
    const page = await agent.get('/console');
    expect(page.status).toBe(200);
    expect(page.text).toContain('src="/console/static/messenger.js"');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    const userJwt = /data-user-jwt="([^"]+)"/.exec(page.text)![1]!;
    expect(/data-app-id="([^"]+)"/.exec(page.text)![1]).toBe(MESSENGER.appId);
    const claims = jwt.verify(userJwt, MESSENGER.secret, { algorithms: ['HS256'] }) as {
      user_id: string;
      exp: number;
    };
    expect(claims.user_id).toBe(`ws-a:${INSTALLER}`);
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(page.headers['content-security-policy']).toContain('https://widget.intercom.io');
    const bundle = await agent.get('/console/static/messenger.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.text).toContain('intercom_user_jwt');
    expect(bundle.text).not.toMatch(/^import /m);
  });

  it('when no support Messenger is configured, then no Messenger script is served or referenced', async () => {
    const agent = await h.session(h.a.workspaceId);
    const page = await agent.get('/console');
    expect(page.text).not.toContain('messenger.js');
    expect(page.headers['content-security-policy']).not.toContain('intercom.io');
    expect((await agent.get('/console/static/messenger.js')).status).toBe(404);
  });
});
