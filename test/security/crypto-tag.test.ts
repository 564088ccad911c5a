// Issue 14 item 10: credentials at rest (src/crypto.ts). The GCM tag is exactly 16 bytes (Node would accept
// a 4-byte one, which can be forged by trying), and each ciphertext is bound to its purpose and row with
// additional authenticated data, so one copied into another row does not open there. Tokens written before
// (v1, no AAD) still open, and are rewritten as v2 at start (src/db/reseal.ts).
import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceCredentials, sealSourceCredentials } from '../../src/app/wizard/source-credentials.js';
import { cipherFromKey, DecryptionError, sealContext } from '../../src/crypto.js';
import { resealLegacyCredentials } from '../../src/db/reseal.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const key = Buffer.alloc(32, 9);
const cipher = cipherFromKey(key);
const CTX = sealContext.sourceCredentials('migration-a');

/** A token as Ferry wrote them before v2: `v1:iv:tag:body`, no additional authenticated data. */
function legacyToken(plain: string, k = key): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** The token with its tag cut to `bytes` bytes. */
function cutTag(token: string, bytes: number): string {
  const [v, iv, tag, body] = token.split(':') as [string, string, string, string];
  return [v, iv, Buffer.from(tag, 'base64url').subarray(0, bytes).toString('base64url'), body].join(':');
}

describe('AES-GCM tag length', () => {
  it('when a stored token’s tag is cut to 4 bytes, then decrypting is refused', () => {
    const token = cipher.encrypt('zendesk-api-token', CTX);
    expect(() => cipher.decrypt(cutTag(token, 4), CTX)).toThrow(DecryptionError);
    expect(() => cipher.decrypt(cutTag(token, 4), CTX)).toThrow(/tag is 4 bytes, not 16/);
  });

  it('when a legacy v1 token’s tag is cut to 4 bytes, then decrypting is refused too', () => {
    expect(() => cipher.decrypt(cutTag(legacyToken('secret'), 4), CTX)).toThrow(/tag is 4 bytes/);
  });

  it('when a token’s tag is cut to 12 bytes (a length GCM allows), then decrypting is refused', () => {
    expect(() => cipher.decrypt(cutTag(cipher.encrypt('x', CTX), 12), CTX)).toThrow(/tag is 12 bytes/);
  });
});

describe('ciphertexts bound to their row and purpose', () => {
  it('when a migration’s sealed credentials are copied into another migration’s row, then they do not open there', () => {
    const sealed = sealSourceCredentials(cipher, { platform: 'freshdesk', apiKey: 'k-a' }, 'migration-a');
    expect(openSourceCredentials(cipher, sealed, 'migration-a')).toEqual({
      platform: 'freshdesk',
      apiKey: 'k-a',
    });
    expect(openSourceCredentials(cipher, sealed, 'migration-b')).toBeNull();
    expect(() => cipher.decrypt(sealed, sealContext.sourceCredentials('migration-b'))).toThrow(
      DecryptionError,
    );
  });

  it('when a workspace’s Intercom token is copied into another workspace’s row, then it does not open there', () => {
    const sealed = cipher.encrypt('tok_a', sealContext.intercomToken('ws-a'));
    expect(cipher.decrypt(sealed, sealContext.intercomToken('ws-a'))).toBe('tok_a');
    expect(() => cipher.decrypt(sealed, sealContext.intercomToken('ws-b'))).toThrow(/moved from another row/);
  });

  it('when a ciphertext is used for another purpose with the same id, then it does not open', () => {
    const sealed = cipher.encrypt('tok', sealContext.intercomToken('same-id'));
    expect(() => cipher.decrypt(sealed, sealContext.sourceCredentials('same-id'))).toThrow(DecryptionError);
  });
});

describe('tokens written before v2', () => {
  let db: TestDatabase;
  let ws: { id: string };
  let migrationId: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: true });
    [ws] = (await db
      .knex('workspaces')
      .insert({ intercom_workspace_id: 'ws-legacy', access_token_enc: legacyToken('tok_legacy') })
      .returning('id')) as [{ id: string }];
    const [m] = (await db
      .knex('migrations')
      .insert({
        workspace_id: ws.id,
        name: 'legacy',
        source_platform: 'freshdesk',
        source_credentials_enc: legacyToken(JSON.stringify({ platform: 'freshdesk', apiKey: 'k-legacy' })),
      })
      .returning('id')) as [{ id: string }];
    migrationId = m.id;
    await db.knex('migrations').insert({
      workspace_id: ws.id,
      name: 'other key',
      source_platform: 'freshdesk',
      source_credentials_enc: legacyToken('x', Buffer.alloc(32, 1)),
    });
  });
  afterAll(async () => db?.drop());

  it('when a v1 token is read, then it still opens (no AAD to check)', () => {
    expect(cipher.decrypt(legacyToken('old secret'), CTX)).toBe('old secret');
  });

  it('when Ferry starts on a database with v1 tokens, then they are rewritten as v2 bound to their rows, once', async () => {
    expect(await resealLegacyCredentials(db.knex, cipher)).toEqual({
      workspaces: 1,
      migrations: 1,
      unreadable: 1,
    });
    const w = await db.knex('workspaces').where({ id: ws.id }).first();
    const m = await db.knex('migrations').where({ id: migrationId }).first();
    expect(w.access_token_enc).toMatch(/^v2:/);
    expect(m.source_credentials_enc).toMatch(/^v2:/);
    expect(cipher.decrypt(w.access_token_enc, sealContext.intercomToken('ws-legacy'))).toBe('tok_legacy');
    expect(openSourceCredentials(cipher, m.source_credentials_enc, migrationId)).toEqual({
      platform: 'freshdesk',
      apiKey: 'k-legacy',
    });
    expect(openSourceCredentials(cipher, m.source_credentials_enc, ws.id)).toBeNull();
    // The token of another key is left as it was; a second start has nothing more to do.
    expect(await resealLegacyCredentials(db.knex, cipher)).toEqual({
      workspaces: 0,
      migrations: 0,
      unreadable: 1,
    });
  });
});
