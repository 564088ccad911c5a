// Two worker processes on one workspace share its rate budget through PostgreSQL: counted at the Intercom
// emulator, window by window, together they stay under the limit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { listenOnLoopback } from '../../src/sandbox/listen.js';
import { leaseCalls } from '../../src/db/repositories/rate-windows.js';
import { createMigratedTestDatabase, type TestDatabase } from '../helpers/db.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/shared-budget-child.ts');
const LIMIT = 30;
const WINDOW_MS = 1000;
const childResult = z.object({ calls: z.number(), failed: z.number(), reasons: z.array(z.string()) });

let db: TestDatabase;
beforeAll(async () => {
  db = await createMigratedTestDatabase();
});
afterAll(async () => db?.drop());

function runChild(env: Record<string, string>): Promise<z.infer<typeof childResult>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    proc.once('exit', (code) =>
      code === 0 ? resolve(childResult.parse(JSON.parse(out))) : reject(new Error(`child exited ${code}`)),
    ),
  );
}

describe('shared rate budget', () => {
  it('when two leases race for the last calls of a window, then together they get exactly what is left', async () => {
    const o = { key: 'race', limit: 25, windowMs: 60_000 };
    const grants = await Promise.all(Array.from({ length: 8 }, () => leaseCalls(db.knex, { ...o, want: 4 })));
    expect(grants.reduce((n, g) => n + g.granted, 0)).toBe(25);
    expect((await leaseCalls(db.knex, { ...o, want: 4 })).granted).toBe(0);
  });

  it('when two worker processes call one workspace flat out, then together they stay under the workspace limit and none is answered 429', async () => {
    const emulator = createIntercomEmulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
    const stamps: number[] = [];
    const outer = express();
    outer.use((_req, _res, next) => {
      stamps.push(Date.now());
      next();
    });
    outer.use(emulator.app);
    const server = await listenOnLoopback(outer);
    try {
      const env = {
        DATABASE_URL: db.url,
        INTERCOM_URL: server.url,
        INTERCOM_TOKEN: 'emulator-token',
        LIMIT: String(LIMIT),
        WINDOW_MS: String(WINDOW_MS),
        START_AT: String(Date.now() + 6000), // both processes loaded (tsx, on a loaded machine) before either calls
        DURATION_MS: '5000',
      };
      const [a, b] = await Promise.all([runChild(env), runChild(env)]);
      const perWindow = new Map<number, number>();
      for (const t of stamps)
        perWindow.set(Math.floor(t / WINDOW_MS), (perWindow.get(Math.floor(t / WINDOW_MS)) ?? 0) + 1);
      // As the emulator counts (its own windows, as Intercom would): never over the limit.
      expect(emulator.stats().byStatus[429] ?? 0).toBe(0);
      // As counted on arrival, a few ms before the emulator's counter: one call may straddle a boundary.
      expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(LIMIT + 1);
      // Both worked, and together they used the budget (5 windows of 30, the edges partly).
      expect(a.calls).toBeGreaterThan(0);
      expect(b.calls).toBeGreaterThan(0);
      expect(a.calls + b.calls).toBeGreaterThanOrEqual(3 * LIMIT);
      expect(a.failed + b.failed, [...a.reasons, ...b.reasons].join('; ')).toBe(0);
    } finally {
      await server.close();
    }
  }, 30_000);
});
