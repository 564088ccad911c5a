// The whole flow in a real browser: Ferry in sandbox mode in-process (PORT of our choosing, a fresh database,
// a temporary FERRY_DATA_DIR), Debian's chromium headless with background networking off, a screenshot of
// every step under artifacts/screenshots/. Canvas steps go through the Inbox preview (signed as Intercom
// signs); the console through its signed link.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startFerry, type RunningFerry } from '../../src/main.js';
import { consoleLink } from '../../src/app/console-link.js';
import { intercomClientSecret } from '../../src/app/intercom-deps.js';
import { startRun, waitForRun } from '../../src/app/runs.js';
import { SANDBOX_SOURCE } from '../../src/sandbox/inbox/index.js';
import { COMPONENT_TYPES } from '../../src/sandbox/inbox/gallery.js';

const SHOTS = path.resolve('artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

let db: TestDatabase;
let dataDir: string;
let profile: string;
let ferry: RunningFerry;
let context: BrowserContext;
let page: Page;
let base: string;
let step = 0;

async function shot(name: string): Promise<void> {
  step += 1;
  await page.screenshot({
    path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** Waits until the element is there and holds the text. */
async function shows(selector: string, text: string): Promise<void> {
  const el = page.locator(selector).first();
  await el.waitFor({ timeout: 15_000 });
  expect(await el.textContent()).toContain(text);
}

/** The canvas has answered and is drawn. */
async function canvasIdle(): Promise<void> {
  await page.locator('#canvas[data-state="idle"]').waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-browser-'));
  profile = await mkdtemp(path.join(tmpdir(), 'ferry-chromium-'));
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    FERRY_DATA_DIR: dataDir,
    DATABASE_URL: db.url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  ferry = await startFerry(config, createLogger(config), { web: true, worker: true });
  base = `http://127.0.0.1:${port}`;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await ferry?.stop();
  await db?.drop();
  await rm(profile, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

describe('the whole flow in the sandbox', () => {
  it('when the gallery is opened, then the preview draws every Canvas Kit component type', async () => {
    await page.goto(`${base}/#gallery`);
    await canvasIdle();
    for (const type of COMPONENT_TYPES)
      expect(await page.locator(`#canvas [data-type="${type}"]`).count(), type).toBeGreaterThan(0);
    await shot('inbox-component-gallery');
  });

  it('when a newcomer opens the preview, then they connect, map, filter, run the demo and read the results', async () => {
    // 1. The Inbox preview shows Ferry's first canvas, signed and answered by Ferry itself.
    await page.goto(`${base}/`);
    await canvasIdle();
    await expect.poll(() => page.locator('#canvas [data-type="text"]').count()).toBeGreaterThan(0);
    await shot('inbox-home');

    // 2. Start a Zendesk migration from the canvas.
    await page.locator('[data-component-id="platform"] [data-option="zendesk"]').click();
    await page.locator('button[data-component-id="start"]').click();
    await canvasIdle();
    await shot('canvas-after-start');
    const migration = await db
      .knex('migrations')
      .first<{ id: string; workspace_id: string }>('id', 'workspace_id');
    expect(migration).toBeDefined();

    // 3. The console, through its signed 15-minute link (what the canvas's links carry).
    const admin = await db
      .knex('workspaces')
      .first<{ installed_by_admin_id: string }>('installed_by_admin_id');
    const secret = await intercomClientSecret(ferry.config);
    const link = consoleLink(ferry.config.publicUrl, secret, {
      workspaceId: migration!.workspace_id,
      adminId: admin!.installed_by_admin_id,
    });
    await page.goto(`${link}&next=/console/credentials`);
    await expect.poll(() => page.url()).toBe(`${base}/console/credentials`);
    await shot('console-credentials');

    // 4. A subdomain with a dot gets its message at the field; then the sample help desk's credentials connect.
    await page.fill('#subdomain', 'acme.zendesk.com');
    await page.fill('#email', SANDBOX_SOURCE.zendesk.email);
    await page.fill('#token', SANDBOX_SOURCE.zendesk.token);
    await page.click('#credentials-form button[type="submit"]');
    await page.locator('#subdomain-error').waitFor();
    await shot('console-credentials-wrong-subdomain');
    await page.fill('#subdomain', SANDBOX_SOURCE.subdomain);
    await page.fill('#token', SANDBOX_SOURCE.zendesk.token);
    await page.click('#credentials-form button[type="submit"]');
    await shows('#connection-result', 'tickets');
    await shot('console-credentials-connected');

    // 5. Mappings (with a search), filters, operators.
    await page.click('nav a[href="/console/mappings"]');
    await page.locator('#agents tbody tr').first().waitFor();
    await shot('console-mappings');
    await page.fill('#q', 'a');
    await page.click('form[role="search"] button');
    await page.click('#mappings-form button[type="submit"]');
    await shows('.notice.ok', 'Mappings saved');
    await shot('console-mappings-saved');
    await page.click('nav a[href="/console/filters"]');
    await page.fill('#createdFrom', '2000-01-01');
    await page.click('#filters-form button[type="submit"]');
    await shows('.notice.ok', 'Filters saved');
    await shot('console-filters');
    await page.click('nav a[href="/console/operators"]');
    await page.fill('#adminId', '424242');
    await page.click('#operators-form button[type="submit"]');
    await shows('#operators', '424242');
    await shot('console-operators');

    // 6. The demo: 20 tickets really written into the Intercom emulator, then its results.
    const runId = await startRun(db.knex, migration!.id, 'demo');
    const done = await waitForRun(db.knex, runId, { pollMs: 300 });
    expect(done.status).toBe('completed');
    await page.goto(`${base}/`);
    await canvasIdle();
    await shot('inbox-after-demo');
    await page.goto(`${base}/console/reports/${runId}`);
    await shows('#counters', 'tickets');
    await page.locator('#progress-chart').waitFor();
    await shot('console-demo-report');
    const csv = await page.request.get(`${base}/console/reports/${runId}/migrated.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe('entity,source_id,target_id,status,reason');
    await page.goto(`${base}/console`);
    await shot('console-overview');
  });
});
