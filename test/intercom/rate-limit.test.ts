// The shared budget against the emulator's real limit: 20 concurrent callers, a small window.
import { afterEach, describe, expect, it } from 'vitest';
import { createIntercomClient, createRateBudget } from '../../src/intercom/index.js';
import {
  expectNoViolations,
  startIntercomEmulator,
  type RunningIntercomEmulator,
} from '../../src/sandbox/intercom/index.js';
import { silent } from './helpers.js';

let emu: RunningIntercomEmulator | undefined;
afterEach(async () => emu?.close());

describe('rate budget', () => {
  it('when 20 callers share one workspace limited to 50 calls a second, then no call is lost and the limit holds', async () => {
    emu = await startIntercomEmulator({ rateLimit: { limit: 50, windowMs: 1000 } });
    const budget = createRateBudget({ resetJitterMs: 20 });
    const client = createIntercomClient({
      accessToken: emu.accessToken,
      baseUrl: emu.url,
      logger: silent,
      budget,
    });
    const perCaller = 6;
    const results = await Promise.all(
      Array.from({ length: 20 }, async () => {
        let ok = 0;
        for (let i = 0; i < perCaller; i++) if ((await client.listTeams()).length === 1) ok++;
        return ok;
      }),
    );
    expect(results.reduce((a, b) => a + b, 0)).toBe(120);
    const ok = emu.state.requests.filter((r) => r.status === 200);
    expect(ok).toHaveLength(120);
    expectNoViolations(emu);
  });

  it('when two processes share the workspace, then each steers by the headers and every call still lands', async () => {
    emu = await startIntercomEmulator({ rateLimit: { limit: 40, windowMs: 1000 } });
    const make = () =>
      createIntercomClient({
        accessToken: emu!.accessToken,
        baseUrl: emu!.url,
        logger: silent,
        budget: createRateBudget({ resetJitterMs: 20 }),
      });
    const [a, b] = [make(), make()];
    const calls = (c: ReturnType<typeof make>) =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < 6; i++) await c.listTeams();
        }),
      );
    await Promise.all([calls(a), calls(b)]);
    const statuses = emu.state.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    // Steering by X-RateLimit-Remaining keeps rejected calls to a small share of the total.
    expect(statuses.filter((s) => s === 429).length).toBeLessThan(60);
  });
});
