// Attack: flood a public endpoint from one address. Every public path belongs to a group with its own
// per-address budget a minute (express-rate-limit); FERRY_RATE_LIMITS overrides the defaults.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { DEFAULT_RATE_LIMITS, groupOf } from '../../src/http/rate-limit.js';
import { createLogger } from '../../src/logger.js';

function app(limits: string) {
  const config = loadConfig({ NODE_ENV: 'test', FERRY_RATE_LIMITS: limits });
  return createApp({
    config,
    logger: createLogger(config),
    readiness: { check: async () => ({ ready: true }) },
  });
}

describe('rate limits on public endpoints', () => {
  it('when one address goes over its budget, then it gets 429 with RateLimit headers, while another address and other groups still answer', async () => {
    const a = app('health=3');
    const from = (ip: string) => request(a).get('/healthz').set('x-forwarded-for', ip);
    for (let i = 0; i < 3; i++) expect((await from('192.0.2.1')).status).toBe(200);
    const refused = await from('192.0.2.1');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.headers['ratelimit-policy']).toContain('q=3');
    expect((await from('192.0.2.2')).status).toBe(200);
    // Another group has its own budget: a 404 from the same address is still answered.
    expect((await request(a).get('/nothing-here').set('x-forwarded-for', '192.0.2.1')).status).toBe(404);
  });

  it.each([
    ['/intercom/uninstall', 'uninstall'],
    ['/oauth/install', 'oauth'],
    ['/oauth/callback', 'oauth'],
    ['/console', 'console'],
    ['/console/operators', 'console'],
    ['/canvas/initialize', 'intercom'],
    ['/webhooks/intercom', 'intercom'],
    ['/files/abc', 'files'],
    ['/readyz', 'health'],
    ['/sandbox/admins', 'other'],
  ] as const)('when %s is asked, then it counts against the %s budget', (path, group) => {
    expect(groupOf(path)).toBe(group);
    expect(DEFAULT_RATE_LIMITS[group]).toBeGreaterThan(0);
  });

  it('when FERRY_RATE_LIMITS names an unknown group or a bad number, then Ferry refuses to start naming it', () => {
    for (const bad of ['everything=5', 'console=0', 'console=lots']) {
      expect(() => loadConfig({ NODE_ENV: 'test', FERRY_RATE_LIMITS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'test', FERRY_RATE_LIMITS: bad })).toThrow(/FERRY_RATE_LIMITS/);
    }
    expect(loadConfig({ NODE_ENV: 'test', FERRY_RATE_LIMITS: 'console=50, files=10' }).rateLimits).toEqual({
      console: 50,
      files: 10,
    });
  });
});
