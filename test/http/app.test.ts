import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InputError } from '../../src/errors.js';
import { createApp, type AppDeps } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';

function deps(overrides: Partial<AppDeps> = {}): AppDeps {
  const config = loadConfig({ NODE_ENV: 'test' });
  return {
    config,
    logger: createLogger(config),
    readiness: { check: async () => ({ ready: true }) },
    ...overrides,
  };
}

describe('createApp', () => {
  it('when /healthz is asked, then it answers ok with security headers', async () => {
    const res = await request(createApp(deps())).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when the database is not ready, then /readyz answers 503 with a request id (the reason is logged)', async () => {
    const app = createApp(
      deps({ readiness: { check: async () => ({ ready: false, reason: '2 migrations pending' }) } }),
    );
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'not_ready', requestId: res.headers['x-request-id'] });
    expect(JSON.stringify(res.body)).not.toContain('migrations');
  });

  it('when the readiness check throws, then /readyz answers 503 instead of crashing', async () => {
    const app = createApp(
      deps({
        readiness: {
          check: async () => {
            throw new Error('connection refused');
          },
        },
      }),
    );
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('not_ready');
  });

  const echo = Router().post('/echo', (req, res) => {
    if (req.body?.bad) throw new InputError('subdomain must not contain a dot', 'subdomain');
    res.json({ got: req.body, raw: req.rawBody?.toString('utf8') });
  });

  it('when JSON is posted, then the raw bytes are kept for signature checks', async () => {
    const body = '{"b": 1,  "a":2}';
    const res = await request(createApp(deps({ routers: [echo] })))
      .post('/echo')
      .set('content-type', 'application/json')
      .send(body);
    expect(res.body.raw).toBe(body);
  });

  it('when the JSON is malformed, then the answer is 400 in the one error shape', async () => {
    const res = await request(createApp(deps({ routers: [echo] })))
      .post('/echo')
      .set('content-type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('when the body is over the limit, then the answer is 413', async () => {
    const res = await request(createApp(deps({ routers: [echo] })))
      .post('/echo')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ x: 'a'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  it('when a route refuses input, then the error names the field', async () => {
    const res = await request(createApp(deps({ routers: [echo] })))
      .post('/echo')
      .send({ bad: true });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'bad_input', message: 'subdomain must not contain a dot', field: 'subdomain' },
    });
  });

  it('when no route matches, then 404 in the one error shape', async () => {
    const res = await request(createApp(deps())).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
