import { describe, expect, it } from 'vitest';
import { classifySourceError } from '../../../src/app/wizard/source-port.js';
import { ConfigurationError, ForbiddenError, InputError, RetryableError } from '../../../src/errors.js';
import { REJECTED_CREDENTIALS } from '../../../src/sources/zendesk/client.js';

// The connectors' own messages (src/sources/zendesk/client.ts, src/sources/freshdesk/*) mapped to the field
// an admin fixes: a vendor quirk each, named.
describe('source errors to the field an admin fixes', () => {
  it.each([
    ['Zendesk 401', new ConfigurationError(REJECTED_CREDENTIALS, 'source'), 'credentials', 'rejected'],
    [
      'Freshdesk 401',
      new ConfigurationError('Freshdesk rejected the API key', 'source'),
      'credentials',
      'rejected',
    ],
    [
      'Zendesk unknown account',
      new ConfigurationError(
        'There is no Zendesk account at acme.zendesk.com: check the subdomain',
        'source',
      ),
      'subdomain',
      'no_account',
    ],
    [
      'Zendesk agent token',
      new ConfigurationError('This API token belongs to a@b.c, a Zendesk agent, not an admin: …', 'source'),
      'credentials',
      'not_admin',
    ],
    [
      'Freshdesk 403',
      new ForbiddenError('Freshdesk refused /api/v2/roles to this API key'),
      'credentials',
      'not_admin',
    ],
    [
      'a bad subdomain',
      new InputError('The Zendesk subdomain may contain only letters', 'subdomain'),
      'subdomain',
      'no_account',
    ],
    ['a timeout', new RetryableError('ETIMEDOUT'), 'subdomain', 'unreachable'],
  ])('when the connector reports %s, then the %s field gets "%s"', (_name, err, field, problem) => {
    expect(classifySourceError(err)).toMatchObject({ ok: false, field, problem, detail: err.message });
  });

  it('when the error is a programming error, then it is not dressed up as an admin mistake', () => {
    expect(() => classifySourceError(new TypeError('x is undefined'))).toThrow(TypeError);
  });
});
