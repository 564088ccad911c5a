import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationName, parseMigrateArgs } from '../../src/cli/migrate-args.js';
import { isLoopback } from '../../src/cli/source.js';
import { UsageError } from '../../src/cli/usage.js';

const none = {
  cli: {},
  intercom: {
    clientId: undefined,
    clientSecret: undefined,
    apiUrl: undefined,
    appUrl: undefined,
    accessToken: undefined,
  },
};
const zendesk = ['--from', 'zendesk', '--from-url', 'https://acme.zendesk.com/'];

describe('ferry migrate arguments', () => {
  it('when credentials come from the environment, then the flags are not needed', async () => {
    const o = await parseMigrateArgs(zendesk, {
      cli: { zendeskEmail: 'a@acme.test', zendeskApiToken: 'zt' },
      intercom: { ...none.intercom, accessToken: 'it', apiUrl: 'http://127.0.0.1:9' },
    });
    expect(o.auth).toEqual({ platform: 'zendesk', email: 'a@acme.test', token: 'zt' });
    expect(o.toToken).toBe('it');
    expect(o.toUrl).toBe('http://127.0.0.1:9');
    expect(o.kind).toBe('full');
    expect(o.fromUrl).toBe('https://acme.zendesk.com');
  });

  it('when flags and environment both give a credential, then the flag wins', async () => {
    const o = await parseMigrateArgs(
      [
        '--from',
        'freshdesk',
        '--from-url',
        'https://acme.freshdesk.com',
        '--from-key',
        'flag',
        '--to-token',
        't',
        '--delta',
        '--entities',
        'tickets, contacts',
        '--target',
        'conversations',
      ],
      { cli: { freshdeskApiKey: 'env' }, intercom: none.intercom },
    );
    expect(o.auth).toEqual({ platform: 'freshdesk', apiKey: 'flag' });
    expect(o.kind).toBe('delta');
    expect(o.entities).toEqual(['tickets', 'contacts']);
    expect(o.target).toBe('conversations');
  });

  it.each([
    ['no Intercom token', [...zendesk, '--from-email', 'e', '--from-token', 't'], /--to-token/],
    ['no Zendesk token', [...zendesk, '--from-email', 'e', '--to-token', 't'], /--from-token/],
    [
      'a Freshdesk key for Zendesk',
      [...zendesk, '--from-key', 'k', '--to-token', 't'],
      /--from-key is for Freshdesk/,
    ],
    [
      'a bad target',
      [...zendesk, '--from-email', 'e', '--from-token', 't', '--to-token', 't', '--target', 'inbox'],
      /--target/,
    ],
    ['a bad URL', ['--from', 'zendesk', '--from-url', 'acme'], /--from-url/],
    ['a positional argument', [...zendesk, 'extra'], /positional/i],
  ])('when given %s, then it is a usage error naming the problem', async (_case, args, message) => {
    const error: unknown = await parseMigrateArgs(args, none).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });

  it('when --settings names a JSON file, then its content is taken; when it is not JSON, a usage error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-settings-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    await writeFile(good, JSON.stringify({ target: 'conversations' }));
    await writeFile(bad, '{ target: ');
    const base = [...zendesk, '--from-email', 'e', '--from-token', 't', '--to-token', 't', '--settings'];
    expect((await parseMigrateArgs([...base, good], none)).settings).toEqual({ target: 'conversations' });
    await expect(parseMigrateArgs([...base, bad], none)).rejects.toThrow(/is not JSON/);
    await expect(parseMigrateArgs([...base, path.join(dir, 'missing.json')], none)).rejects.toThrow(
      /cannot read/,
    );
  });

  it('when no name is given, then the migration is named after both URLs', () => {
    expect(defaultMigrationName('zendesk', 'https://acme.zendesk.com', 'https://api.intercom.io')).toBe(
      'zendesk acme.zendesk.com → api.intercom.io',
    );
  });

  it.each([
    ['http://127.0.0.1:3000', true],
    ['http://localhost', true],
    ['http://[::1]:8080', true],
    ['https://acme.zendesk.com', false],
    ['http://10.0.0.1', false],
  ])('when the source is %s, then loopback is %s', (url, expected) => {
    expect(isLoopback(url)).toBe(expected);
  });
});
