import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  ConfigurationError,
  ForbiddenError,
  RecordError,
  RetryableError,
  SkipError,
} from '../../src/errors.js';
import { OutcomeUnknownError } from '../../src/intercom/errors.js';
import { HttpFailure } from '../../src/sources/shared/http-client.js';
import { stageErrorOutcome } from '../../src/engine/stage-errors.js';
import { recordOutcome } from '../../src/engine/load-staged.js';

const http = (status: number) => new HttpFailure(`GET /x: HTTP ${status}`, { url: '/x', status });

describe('what a stage error means for its run', () => {
  it.each([
    ['a transient error', new RetryableError('503'), 'retry'],
    ['an unknown write outcome', new OutcomeUnknownError('reset'), 'retry'],
    ['a configuration error', new ConfigurationError('bad key', 'source'), 'pause'],
    ['a refused role', new ForbiddenError('needs an admin'), 'pause'],
    ['a record error outside any record (reference data)', new RecordError('422 model'), 'pause'],
    ['a skip outside any record', new SkipError('no'), 'pause'],
    ['a source 400', http(400), 'pause'],
    ['a source 404 on a list', http(404), 'pause'],
    ['a source 422', http(422), 'pause'],
    ['a source 429 after the retries', http(429), 'retry'],
    ['a source 408', http(408), 'retry'],
    ['a link to another host', new HttpFailure('Refusing to follow a link', { url: 'http://x' }), 'pause'],
    ['a bug or a lost database connection', new Error('ECONNRESET on the pool'), 'retry'],
    ['an unexpected shape', new ZodError([]), 'retry'],
  ] as const)('when a stage throws %s, then the run is told to %s', (_what, error, kind) => {
    const outcome = stageErrorOutcome(error);
    expect(outcome.kind).toBe(kind);
    expect(outcome.reason).toBe(error.message);
  });

  it('when a record throws its own error, then that record fails or is skipped with the message, and nothing else is', () => {
    expect(recordOutcome(new RecordError('tag 404'))).toEqual({ status: 'failed', reason: 'tag 404' });
    expect(recordOutcome(new SkipError('gone'))).toEqual({ status: 'skipped', reason: 'gone' });
    expect(recordOutcome(new ConfigurationError('token'))).toBeNull();
    expect(recordOutcome(new RetryableError('503'))).toBeNull();
  });
});
