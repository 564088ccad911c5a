// Attack: read internals off public answers. /readyz returned the raw database error and 5xx bodies carried
// the error's own message. Now both say only what happened with a request id; the detail is in the log.
import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { RetryableError } from '../../src/errors.js';
import { createApp } from '../../src/http/app.js';
import { capturedLogger } from './helpers.js';

const DB_ERROR = 'password authentication failed for user "ferry" at db.internal.example:5432';

function app(o: { check?: () => Promise<never>; routers?: Router[] }) {
  const log = capturedLogger();
  const express = createApp({
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: log.logger,
    readiness: { check: o.check ?? (async () => ({ ready: true })) },
    routers: o.routers ?? [],
  });
  return { app: express, log };
}

describe('error bodies', () => {
  it('when the database check throws, then /readyz answers 503 with a request id and not the database error, which is logged with that id', async () => {
    const { app: a, log } = app({
      check: async () => {
        throw new Error(DB_ERROR);
      },
    });
    const res = await request(a).get('/readyz');
    expect(res.status).toBe(503);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({ status: 'not_ready', message: 'Ferry is not ready yet.', requestId: id });
    expect(res.text).not.toContain('db.internal');
    const line = log.lines.map((l) => JSON.parse(l)).find((l) => l.requestId === id);
    expect(line?.err.message).toBe(DB_ERROR);
  });

  it('when a route fails with an internal error, then the 500 body says so with the request id and the log holds the detail', async () => {
    const routers = [
      Router().get('/boom', () => {
        throw new Error('relation "secret_table" does not exist at 10.0.0.7');
      }),
    ];
    const { app: a, log } = app({ routers });
    const res = await request(a).get('/boom');
    expect(res.status).toBe(500);
    const id = res.headers['x-request-id'];
    expect(res.body).toEqual({
      error: {
        code: 'internal',
        message: `Something went wrong on our side. It has been logged with request id ${id}.`,
        requestId: id,
      },
    });
    expect(log.text()).toContain('secret_table');
    expect(JSON.parse(log.lines.find((l) => l.includes('secret_table'))!).requestId).toBe(id);
  });

  it('when a route fails with a Ferry error that maps to 500, then its message stays out of the body', async () => {
    const routers = [
      Router().get('/retry', () => {
        throw new RetryableError('https://acme.zendesk.com/api/v2/users.json: HTTP 503');
      }),
    ];
    const res = await request(app({ routers }).app).get('/retry');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('acme.zendesk.com');
    expect(res.body.error.code).toBe('internal');
  });
});
