import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { keepRawBody, rawBodyOf } from '../../src/http/raw-body.js';
import { verifyBodySignature } from '../../src/intercom/signature.js';
import { initializeRequestSchema, submitRequestSchema } from '../../canvas/requests.js';
import { validateSchema } from '../../src/sandbox/openapi/index.js';
import { COMPONENT_TYPES, galleryCanvas } from '../../src/sandbox/inbox/gallery.js';
import { SANDBOX_SOURCE } from '../../src/sandbox/inbox/environment.js';
import { inboxRoutes } from '../../src/sandbox/inbox/routes.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFerry } from '../../src/main.js';
import { createTestDatabase } from '../helpers/db.js';

const SECRET = 'sandbox-test-secret';
const ADMINS = [
  { id: '11', name: 'Ada Admin', email: 'ada@example.test' },
  { id: '12', name: 'Ben Agent', email: 'ben@example.test' },
];
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** A stand-in for Ferry's /canvas/* that records what arrives, byte for byte. */
async function recordingFerry() {
  const received: { path: string; raw: Buffer; signature: string | undefined }[] = [];
  const app = express();
  app.use(express.json({ verify: keepRawBody }));
  app.post('/canvas/:kind', (req, res) => {
    received.push({ path: req.path, raw: rawBodyOf(req), signature: req.get('x-body-signature') });
    res.json({ canvas: { content: { components: [{ type: 'text', text: 'ok' }] } } });
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('the Inbox preview', () => {
  it('when the page initializes and submits, then Ferry gets Canvas Kit requests signed as Intercom signs them', async () => {
    const ferry = await recordingFerry();
    const app = express();
    app.use(express.json());
    app.use(
      inboxRoutes({ clientSecret: SECRET, workspaceId: 'sandbox', admins: ADMINS, selfUrl: () => ferry.url }),
    );
    const init = await request(app).post('/sandbox/canvas/initialize').send({ adminId: '12', locale: 'de' });
    expect(init.status).toBe(200);
    expect(init.body.canvas.content.components[0].text).toBe('ok');
    await request(app)
      .post('/sandbox/canvas/submit')
      .send({
        component_id: 'start',
        input_values: { platform: 'zendesk' },
        current_canvas: { content: { components: [] }, stored_data: { screen: 'home' } },
      });
    const [first, second] = ferry.received;
    expect(first!.path).toBe('/canvas/initialize');
    expect(verifyBodySignature(first!.raw, first!.signature, SECRET)).toBe(true);
    expect(first!.signature).toMatch(/^[0-9a-f]{64}$/);
    const initBody = initializeRequestSchema.parse(JSON.parse(first!.raw.toString()));
    expect(initBody).toMatchObject({
      workspace_id: 'sandbox',
      admin: { id: '12' },
      context: { locale: 'de' },
    });
    expect(verifyBodySignature(second!.raw, second!.signature, SECRET)).toBe(true);
    expect(verifyBodySignature(second!.raw, second!.signature, 'another-secret')).toBe(false);
    const submit = submitRequestSchema.parse(JSON.parse(second!.raw.toString()));
    expect(submit).toMatchObject({
      component_id: 'start',
      input_values: { platform: 'zendesk' },
      admin: { id: '11' },
    });
    expect(submit.current_canvas.stored_data).toEqual({ screen: 'home' });
  });

  it('when the landing page loads, then it learns the sample help desk’s credentials to name them', async () => {
    const app = express();
    app.use(inboxRoutes({ clientSecret: SECRET, workspaceId: 'sandbox', admins: ADMINS, selfUrl: () => '' }));
    const res = await request(app).get('/sandbox/admins');
    expect(res.body.sample).toEqual(SANDBOX_SOURCE);
  });

  it('when the gallery is asked for, then it holds every 2.11 component type and validates as an initialize_response', async () => {
    const gallery = galleryCanvas();
    expect(validateSchema('2.11', 'initialize_response', gallery).errors).toEqual([]);
    const types = new Set(gallery.canvas.content?.components.map((c) => c.type));
    expect([...types].sort()).toEqual([...COMPONENT_TYPES].sort());
  });
});

describe('where the sandbox is mounted', () => {
  it('when an Intercom app is configured, then neither the preview nor its signing proxy exists', async () => {
    const db = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-nosandbox-'));
    closers.push(async () => {
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      FERRY_DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      INTERCOM_CLIENT_ID: 'real-app',
      INTERCOM_CLIENT_SECRET: 'real-secret',
    });
    const ferry = await startFerry(config, createLogger(config), { web: true, worker: false });
    try {
      const url = ferry.url!.replace('localhost', '127.0.0.1');
      expect((await fetch(`${url}/`)).status).toBe(404);
      expect((await fetch(`${url}/sandbox/admins`)).status).toBe(404);
      const proxy = await fetch(`${url}/sandbox/canvas/initialize`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(proxy.status).toBe(404);
      expect((await fetch(`${url}/console`)).status).toBe(401);
    } finally {
      await ferry.stop();
    }
  });
});
