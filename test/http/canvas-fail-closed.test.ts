import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { MigrationsPort, WorkspacesPort } from '../../src/app/ports.js';
import type { WizardDeps } from '../../src/app/wizard/ports.js';
import { intercomClientSecret } from '../../src/app/intercom-deps.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { canvasRoutes } from '../../src/http/routes/canvas.js';
import { signBody } from '../../src/intercom/signature.js';
import { createLogger } from '../../src/logger.js';

describe('canvas routes without a client secret', () => {
  it('when no secret is configured, then even a request "signed" with an empty key is refused before any lookup', async () => {
    const lookups: string[] = [];
    const workspaces = {
      findByIntercomId: async (id: string) => void lookups.push(id),
    } as unknown as WorkspacesPort;
    const config = loadConfig({ NODE_ENV: 'test' });
    const app = createApp({
      config,
      logger: createLogger(config),
      readiness: { check: async () => ({ ready: true }) },
      routers: [
        canvasRoutes({
          ...({} as WizardDeps),
          clientSecret: undefined,
          workspaces,
          migrations: {} as MigrationsPort,
        }),
      ],
    });
    const body = JSON.stringify({ workspace_id: 'w', workspace_region: 'us', admin: { id: '1' } });
    const res = await request(app)
      .post('/canvas/initialize')
      .set('content-type', 'application/json')
      .set('x-body-signature', signBody(body, ''))
      .send(body);
    expect(res.status).toBe(401);
    expect(lookups).toEqual([]);
  });
});

describe('the client secret', () => {
  it('when no Intercom app is configured (sandbox), then a secret is generated once in FERRY_DATA_DIR and reused', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-secret-'));
    const config = loadConfig({ NODE_ENV: 'development', FERRY_DATA_DIR: dataDir });
    const first = await intercomClientSecret(config);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await intercomClientSecret(config)).toBe(first);
    expect(
      await intercomClientSecret(loadConfig({ NODE_ENV: 'test', INTERCOM_CLIENT_SECRET: 'given' })),
    ).toBe('given');
    await rm(dataDir, { recursive: true });
  });
});
