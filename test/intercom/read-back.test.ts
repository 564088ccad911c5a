// Verification's read-backs: GETs under the workspace's one rate budget, null when Intercom has no such object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntercomClient, createRateBudget, type RateBudget } from '../../src/intercom/index.js';
import {
  expectNoViolations,
  startIntercomEmulator,
  type RunningIntercomEmulator,
} from '../../src/sandbox/intercom/index.js';
import { silent } from './helpers.js';

let emu: RunningIntercomEmulator;
beforeAll(async () => {
  emu = await startIntercomEmulator();
});
afterAll(async () => emu.close());

describe('reading records back from Intercom', () => {
  it('when the writer and the verifier share a workspace budget, then every read-back takes its turn in it and only GETs go out', async () => {
    const shared = createRateBudget();
    let acquired = 0;
    const budget: RateBudget = {
      acquire: (signal) => ((acquired += 1), shared.acquire(signal)),
      snapshot: () => shared.snapshot(),
      remainingPerSecond: (now) => shared.remainingPerSecond(now),
    };
    const client = createIntercomClient({
      accessToken: emu.accessToken,
      baseUrl: emu.url,
      logger: silent,
      budget,
    });
    const company = await client.upsertCompany({ company_id: 'zendesk:1', name: 'Acme' });
    const writes = acquired;
    const seen = emu.state.requests.length;
    const read = await client.readBack.company(company.id);
    expect(read).toMatchObject({ id: company.id, name: 'Acme', company_id: 'zendesk:1' });
    expect(acquired).toBe(writes + 1);
    expect(emu.state.requests.slice(seen)).toEqual([
      { method: 'GET', path: `/companies/${company.id}`, status: 200 },
    ]);
    expectNoViolations(emu);
  });

  it('when Intercom has no such object (404), then the read-back answers null instead of failing', async () => {
    const client = createIntercomClient({
      accessToken: emu.accessToken,
      baseUrl: emu.url,
      logger: silent,
      budget: createRateBudget(),
    });
    expect(await client.readBack.ticket('404404')).toBeNull();
    expect(await client.readBack.conversation('404404')).toBeNull();
    expect(await client.readBack.contact('404404')).toBeNull();
    expect(await client.readBack.company('404404')).toBeNull();
    expect(await client.readBack.article('404404')).toBeNull();
    expectNoViolations(emu);
  });
});
