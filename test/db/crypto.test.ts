import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cipherFromKey, createCipher, DecryptionError, loadOrCreateSecret } from '../../src/crypto.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-crypto-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const key = Buffer.alloc(32, 7).toString('base64');
const CTX = 'source-credentials:m1';
const config = (dataDir: string, encryptionKey?: string) => ({ dataDir, encryptionKey, production: false });

describe('credentials at rest (AES-256-GCM)', () => {
  it('when a secret is encrypted and decrypted with one key, then the plain text comes back and the token is versioned', async () => {
    const cipher = await createCipher(config(await tempDir(), key));
    const token = cipher.encrypt('zendesk-token-é✓', CTX);
    expect(token).toMatch(/^v2:[\w-]+:[\w-]+:[\w-]+$/);
    expect(token).not.toContain('zendesk');
    expect(cipher.decrypt(token, CTX)).toBe('zendesk-token-é✓');
    expect(cipher.encrypt('same', CTX)).not.toBe(cipher.encrypt('same', CTX)); // a fresh IV each time
  });

  it('when one byte of the ciphertext is altered, then decrypting fails with a clear error', async () => {
    const cipher = cipherFromKey(Buffer.from(key, 'base64'));
    const [v, iv, tag, body] = cipher.encrypt('secret value', CTX).split(':') as [
      string,
      string,
      string,
      string,
    ];
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    const tampered = [v, iv, tag, bytes.toString('base64url')].join(':');
    expect(() => cipher.decrypt(tampered, CTX)).toThrow(DecryptionError);
    expect(() => cipher.decrypt(tampered, CTX)).toThrow(
      /altered or moved from another row, or FERRY_ENCRYPTION_KEY/,
    );
    expect(() => cipher.decrypt('plain text', CTX)).toThrow(/Not a Ferry v2 ciphertext/);
  });

  it('when the key differs from the one used to encrypt, then decrypting fails', () => {
    const token = cipherFromKey(Buffer.alloc(32, 1)).encrypt('x', CTX);
    expect(() => cipherFromKey(Buffer.alloc(32, 2)).decrypt(token, CTX)).toThrow(DecryptionError);
  });

  it('when no key is configured in development, then one is generated into FERRY_DATA_DIR (0600) and reused', async () => {
    const dir = await tempDir();
    const token = (await createCipher(config(dir))).encrypt('kept across restarts', CTX);
    const file = path.join(dir, 'secrets', 'encryption-key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await readFile(file, 'utf8'), 'base64')).toHaveLength(32);
    expect((await createCipher(config(dir))).decrypt(token, CTX)).toBe('kept across restarts');
  });

  it('when production has no key, then the cipher refuses', async () => {
    await expect(
      createCipher({ dataDir: await tempDir(), encryptionKey: undefined, production: true }),
    ).rejects.toThrow(/FERRY_ENCRYPTION_KEY is required/);
  });

  it('when several processes ask for a development secret at once, then all get the same one, kept for later', async () => {
    const dir = await tempDir();
    const secrets = await Promise.all(
      Array.from({ length: 8 }, () => loadOrCreateSecret(dir, 'intercom-client-secret')),
    );
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(40);
    expect(await loadOrCreateSecret(dir, 'intercom-client-secret')).toBe(secrets[0]);
  });
});
