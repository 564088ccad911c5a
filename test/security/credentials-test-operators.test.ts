// Attack: a teammate who is not an operator presses "Test connection" (POST /console/credentials/test),
// making Ferry call the help desk with the stored secret. Operators only: a reader gets 403 and the help
// desk is not called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleHarness, type ConsoleHarness } from '../console/harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
  const installer = await h.session(h.a.workspaceId);
  const saved = await installer.post('/console/credentials').type('form').send({
    subdomain: 'sample-support',
    email: 'admin@sample-support.test',
    token: 'sandbox-zendesk-token',
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => h.close());

describe('POST /console/credentials/test', () => {
  it('when a teammate who is not an operator tests the stored credentials, then they get 403 and the help desk is not called', async () => {
    const reader = await h.session(h.a.workspaceId, '2002');
    const calls = h.env.zendesk.stats.calls;
    const res = await reader.post('/console/credentials/test');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Only the operators of this migration');
    expect(h.env.zendesk.stats.calls).toBe(calls);
  });

  it('when an operator tests them, then the help desk is called and the connection reported', async () => {
    const installer = await h.session(h.a.workspaceId);
    const calls = h.env.zendesk.stats.calls;
    const res = await installer.post('/console/credentials/test');
    expect(res.status).toBe(200);
    expect(res.text).toContain('The stored credentials work');
    expect(h.env.zendesk.stats.calls).toBeGreaterThan(calls);
  });
});
