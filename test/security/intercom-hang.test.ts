// Issue 14 item 2, hung Intercom calls: a 429 that says nothing of when to come back must not close a
// workspace's budget for ever, and every wait (the budget's, a retry's) must end when its signal aborts
// (a pause, a shutdown). Against a tiny server on 127.0.0.1 that answers as told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentLinkSigner } from '../../src/engine/attachment-links.js';
import { getRun } from '../../src/engine/run-state.js';
import { withStageContext } from '../../src/engine/stages.js';
import { StoppedError } from '../../src/errors.js';
import { createIntercomClient, createRateBudget, type RateBudget } from '../../src/intercom/index.js';
import { createFreshdeskConnector } from '../../src/sources/freshdesk/connector.js';
import { createTestDatabase } from '../helpers/db.js';
import { silent } from '../intercom/helpers.js';

type Answer = { status: number; headers?: Record<string, string> };
let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** Answers each request with the next of `answers` (the last one repeats); counts the requests. */
async function fakeIntercom(answers: Answer[]): Promise<{ url: string; seen: () => number }> {
  let n = 0;
  server = http.createServer((req, res) => {
    const a = answers[Math.min(n++, answers.length - 1)]!;
    res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
    res.end(
      a.status === 200
        ? JSON.stringify({ type: 'team.list', teams: [] })
        : JSON.stringify({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] }),
    );
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen: () => n };
}

const client = (url: string, budget: RateBudget, signal?: AbortSignal) =>
  createIntercomClient({
    accessToken: 'token',
    baseUrl: url,
    logger: silent,
    budget,
    retryPolicy: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 10_000, resetJitterMs: 0 },
    ...(signal ? { signal } : {}),
  });

describe('hung Intercom calls', () => {
  it('when the first call of a window gets a 429 with no rate-limit headers, then the next call goes after a bounded wait', async () => {
    const fake = await fakeIntercom([{ status: 429 }, { status: 200 }]);
    const budget = createRateBudget({ resetJitterMs: 0, noClockWaitMs: 300 });
    const started = Date.now();
    await expect(client(fake.url, budget).listTeams()).resolves.toEqual([]);
    const waited = Date.now() - started;
    expect(fake.seen()).toBe(2);
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(5_000);
    expect(budget.snapshot().waiting).toBe(0);
  });

  it('when a 429 carries only Retry-After, then the workspace waits that long and no longer', async () => {
    const fake = await fakeIntercom([{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
    const budget = createRateBudget({ resetJitterMs: 0, noClockWaitMs: 60_000 });
    const started = Date.now();
    await client(fake.url, budget).listTeams();
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(5_000);
  });

  it('when a reset header lies hours ahead, then the wait is capped (a broken header cannot hang a workspace)', async () => {
    const budget = createRateBudget({ resetJitterMs: 0 });
    const release = await budget.acquire();
    release({ limit: 100, remaining: 0, resetSec: Date.now() / 1000 + 4 * 3600 }, true);
    expect(budget.snapshot().resetSec! * 1000 - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('when a caller waits on an empty window and its signal aborts, then it is freed at once with the reason', async () => {
    const budget = createRateBudget({ resetJitterMs: 0 });
    const release = await budget.acquire();
    release({ limit: 100, remaining: 0, resetSec: Date.now() / 1000 + 50 }, true);
    const stop = new AbortController();
    const waiting = budget.acquire(stop.signal);
    await new Promise((r) => setTimeout(r, 20));
    expect(budget.snapshot().waiting).toBe(1);
    const reason = new StoppedError('run paused');
    stop.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(budget.snapshot().waiting).toBe(0);
  });

  it('when a run is paused while its Intercom call waits for a rate-limited window, then the call ends with the pause', async () => {
    const fake = await fakeIntercom([
      {
        status: 429,
        headers: {
          'x-ratelimit-limit': '10',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 50),
        },
      },
      { status: 200 },
    ]);
    const stop = new AbortController();
    const call = client(fake.url, createRateBudget()).withSignal(stop.signal).listTeams();
    setTimeout(() => stop.abort(new StoppedError('run paused')), 100);
    const started = Date.now();
    await expect(call).rejects.toBeInstanceOf(StoppedError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.seen()).toBe(1);
  });

  it('when a shutdown comes while a read sleeps before its retry, then the sleep ends at once', async () => {
    const fake = await fakeIntercom([{ status: 503 }]);
    const stop = new AbortController();
    const slow = createIntercomClient({
      accessToken: 'token',
      baseUrl: fake.url,
      logger: silent,
      budget: createRateBudget(),
      retryPolicy: { maxAttempts: 4, baseDelayMs: 30_000, maxDelayMs: 60_000, resetJitterMs: 0 },
      signal: stop.signal,
    });
    const call = slow.listTeams();
    setTimeout(() => stop.abort(new Error('shutdown')), 100);
    await expect(call).rejects.toThrow('shutdown');
    expect(fake.seen()).toBe(1);
  });
});

describe('hung Intercom calls in a running stage', () => {
  it('when a run is paused while a stage waits on a rate-limited workspace, then the wait ends within the status poll', async () => {
    const fake = await fakeIntercom([
      {
        status: 429,
        headers: {
          'x-ratelimit-limit': '10',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 55),
        },
      },
    ]);
    const db = await createTestDatabase({ migrated: true });
    try {
      const [ws] = await db.knex('workspaces').insert({ intercom_workspace_id: 'w-hang' }).returning('id');
      const [m] = await db
        .knex('migrations')
        .insert({ workspace_id: ws.id, name: 'hang', source_platform: 'freshdesk', status: 'running' })
        .returning('id');
      const [r] = await db
        .knex('runs')
        .insert({ migration_id: m.id, kind: 'full', status: 'running', stage: 'contacts', plan: '{}' })
        .returning('id');
      const run = (await getRun(db.knex, r.id))!;
      const deps = {
        db: db.knex,
        logger: silent,
        links: attachmentLinkSigner({ publicUrl: 'http://127.0.0.1:1', secret: 's'.repeat(32) }),
        connectorFor: async () =>
          createFreshdeskConnector(
            { baseUrl: 'http://127.0.0.1:1', apiKey: 'k' },
            { logger: silent, allowCustomBaseUrl: true },
          ),
        intercomFor: async () => client(fake.url, createRateBudget()),
      };
      const stage = withStageContext(deps, run, new AbortController().signal, silent, (ctx) =>
        ctx.intercom.listTeams(),
      );
      stage.catch(() => undefined);
      await new Promise((done) => setTimeout(done, 200));
      await db.knex('runs').where({ id: r.id }).update({ status: 'paused' });
      const started = Date.now();
      await expect(stage).rejects.toBeInstanceOf(StoppedError);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(fake.seen()).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
