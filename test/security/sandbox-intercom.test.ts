// Finding: in the sandbox, the OAuth install (authorize page, code exchange, GET /me) reached the real
// Intercom hosts. main.ts now points them at the sandbox's Intercom emulator; the whole install runs on
// 127.0.0.1 (tests cannot leave it, so a call to Intercom itself would fail the install).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFerry, type RunningFerry } from '../../src/main.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

let db: TestDatabase;
let dataDir: string;
let ferry: RunningFerry;
let url: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-sandbox-oauth-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    FERRY_DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    PUBLIC_URL: 'http://127.0.0.1:9',
  });
  ferry = await startFerry(config, createLogger(config), { web: true, worker: false });
  url = ferry.url!.replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  await ferry?.stop();
  await db.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const get = (u: string, cookie?: string) =>
  fetch(u, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });

describe('the sandbox talks to its Intercom emulator only', () => {
  it('when an install starts in the sandbox, then the authorize page, code exchange and GET /me are the emulator’s', async () => {
    const start = await get(`${url}/oauth/install`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.hostname).toBe('127.0.0.1');
    expect(authorize.pathname).toBe('/oauth');
    expect(authorize.port).not.toBe(new URL(url).port);
    const cookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith('ferry_oauth='))!
      .split(';')[0]!;

    // The emulator's authorize page approves and sends the browser back with a code of its own.
    const approved = await get(authorize.toString());
    expect(approved.status).toBe(302);
    const back = new URL(approved.headers.get('location')!);
    expect(back.pathname).toBe('/oauth/callback');

    // Only the emulator knows that code: the install finishing proves the exchange and GET /me went there.
    const done = await get(`${url}/oauth/callback${back.search}`, cookie);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Ferry is installed');
    const row = await db.knex('workspaces').where({ intercom_workspace_id: 'sandbox' }).first();
    expect(row.uninstalled_at).toBeNull();
  });
});
