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

async function shot(name: string, on: Page = page): Promise<void> {
  step += 1;
  await on.screenshot({
    path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

/** Waits until the element is there and holds the text. */
async function shows(selector: string, text: string, on: Page = page): Promise<void> {
  const el = on.locator(selector).first();
  await el.waitFor({ timeout: 15_000 });
  expect(await el.textContent()).toContain(text);
}

/** The canvas has answered and is drawn. */
async function canvasIdle(): Promise<void> {
  await page.locator('#canvas[data-state="idle"]').waitFor({ timeout: 15_000 });
}

/** The canvas screen Ferry last answered with (stored_data.screen). */
const screen = () => page.locator('#canvas').getAttribute('data-screen');

/** Presses a canvas button that submits, and waits for Ferry's next canvas. */
async function press(id: string): Promise<void> {
  await page.locator(`#canvas button[data-component-id="${id}"]`).click();
  await canvasIdle();
}

/** Follows a canvas url button (a signed console link) into its new tab. */
async function openFromCanvas(id: string): Promise<Page> {
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.locator(`#canvas button[data-component-id="${id}"]`).click(),
  ]);
  await popup.waitForLoadState();
  return popup;
}

/** Presses Refresh (the Inbox has no live refresh) until `done`. */
async function refreshUntil(done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error('timed out waiting for the run');
    await new Promise((r) => setTimeout(r, 500));
    await press('refresh');
  }
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

  it('when a newcomer opens the preview, then they connect, choose, map, tick the checklist, run the demo and the full migration', async () => {
    // Home: what Ferry does, Start.
    await page.goto(`${base}/`);
    await canvasIdle();
    await shot('inbox-home');
    await page.locator('[data-component-id="platform"] [data-option="zendesk"]').click();
    await press('start');
    expect(await screen()).toBe('connect');

    // Connect: subdomain in the canvas; the secret on the console's form, opened from the canvas.
    await page.fill('#c-connect_subdomain', 'acme.zendesk.com');
    await press('connect_test');
    await shot('canvas-connect-wrong-subdomain');
    await page.fill('#c-connect_subdomain', SANDBOX_SOURCE.subdomain);
    await press('connect_test');
    const form = await openFromCanvas('connect_secret');
    await form.fill('#subdomain', 'acme/evil');
    await form.fill('#email', SANDBOX_SOURCE.zendesk.email);
    await form.fill('#token', SANDBOX_SOURCE.zendesk.token);
    await form.click('#credentials-form button[type="submit"]');
    await form.locator('#subdomain-error').waitFor();
    await shot('console-credentials-wrong-subdomain', form);
    await form.fill('#subdomain', SANDBOX_SOURCE.subdomain);
    await form.fill('#token', SANDBOX_SOURCE.zendesk.token);
    await form.click('#credentials-form button[type="submit"]');
    await shows('#connection-result', 'tickets', form);
    await shot('console-credentials-connected', form);
    await form.close();
    await press('connect_test');
    await shot('canvas-connected');

    // Scope, with the console's long filters.
    await press('connect_next');
    expect(await screen()).toBe('scope');
    await shot('canvas-scope');
    const filters = await openFromCanvas('scope_filters');
    await filters.fill('#tags', '');
    await filters.click('#filters-form button[type="submit"]');
    await shows('.notice.ok', 'Filters saved', filters);
    await shot('console-filters', filters);
    await filters.close();
    await press('scope_save');

    // Mapping summary, and every mapping on the console.
    expect(await screen()).toBe('mapping');
    await shot('canvas-mapping');
    const mappings = await openFromCanvas('mapping_review');
    await mappings.locator('#agents tbody tr').first().waitFor();
    await shot('console-mappings', mappings);
    await mappings.fill('#q', 'a');
    await mappings.click('form[role="search"] button');
    await mappings.click('#mappings-form button[type="submit"]');
    await shows('.notice.ok', 'Mappings saved', mappings);
    await mappings.goto(`${base}/console/operators`);
    await mappings.fill('#adminId', '424242');
    await mappings.click('#operators-form button[type="submit"]');
    await shows('#operators', '424242', mappings);
    await shot('console-operators', mappings);
    await mappings.close();
    await press('mapping_next');

    // Options, then the pre-flight checklist, every item ticked.
    expect(await screen()).toBe('options');
    await shot('canvas-options');
    await press('options_save');
    expect(await screen()).toBe('checklist');
    for (const box of await page
      .locator('[data-component-id="checklist_items"] input[type="checkbox"]')
      .all())
      if (!(await box.isChecked())) await box.check();
    for (const box of await page
      .locator('[data-component-id="checklist_agree"] input[type="checkbox"]')
      .all())
      if (!(await box.isChecked())) await box.check();
    await press('checklist_save');
    await shot('canvas-checklist');

    // Demo: run, Refresh until the results table, then its report on the console.
    await press('checklist_next');
    expect(await screen()).toBe('demo');
    await press('demo_start');
    await refreshUntil(() =>
      page
        .locator('button[data-component-id="demo_next"]')
        .count()
        .then((n) => n > 0),
    );
    await shot('canvas-demo-results');
    const demoRun = await db
      .knex('runs')
      .where({ kind: 'demo' })
      .first<{ id: string; status: string }>('id', 'status');
    expect(demoRun?.status).toBe('completed');
    await page.goto(`${base}/console/reports/${demoRun!.id}`);
    await shows('#counters', 'tickets');
    await page.locator('#progress-chart').waitFor();
    await shot('console-demo-report');
    const csv = await page.request.get(`${base}/console/reports/${demoRun!.id}/migrated.csv`);
    expect((await csv.text()).split('\r\n')[0]).toBe('entity,source_id,target_id,status,reason');

    // Full run: the estimate, Start, Refresh until done, then the results.
    await page.goto(`${base}/`);
    await canvasIdle();
    await press('next_step');
    if ((await screen()) !== 'full') await press('checklist_next');
    expect(await screen()).toBe('full');
    await shot('canvas-full-estimate');
    await press('full_start');
    await refreshUntil(async () => {
      const run = await db.knex('runs').where({ kind: 'full' }).first<{ status: string }>('status');
      return run?.status === 'completed';
    });
    await press('refresh');
    await shot('canvas-full-results');
    await page.goto(`${base}/console`);
    await shot('console-overview');
  });
});
