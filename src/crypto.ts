// Credentials at rest: AES-256-GCM with FERRY_ENCRYPTION_KEY (base64, 32 bytes). Tokens read
// `v1:<iv>:<tag>:<ciphertext>` (base64url), so the format can change later without guessing.
// In development a missing key is generated into FERRY_DATA_DIR (mode 0600) and reused; production refuses
// to start without one (config.ts). Also: development secrets such as the sandbox's Intercom client secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

export interface Cipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
}

export class DecryptionError extends Error {
  readonly code = 'decryption_failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12; // GCM's recommended nonce size

export function cipherFromKey(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes');
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join(':');
    },
    decrypt(token) {
      const [version, iv, tag, body, ...rest] = token.split(':');
      if (
        version !== VERSION ||
        iv === undefined ||
        tag === undefined ||
        body === undefined ||
        rest.length > 0
      ) {
        throw new DecryptionError(`Not a Ferry ${VERSION} ciphertext`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (err) {
        throw new DecryptionError(
          'Could not decrypt a stored credential: it was altered, or FERRY_ENCRYPTION_KEY is not the key it was encrypted with',
          { cause: err },
        );
      }
    },
  };
}

/** The cipher for this configuration; in development without FERRY_ENCRYPTION_KEY, a key kept in FERRY_DATA_DIR. */
export async function createCipher(
  config: Pick<Config, 'encryptionKey' | 'dataDir' | 'production'>,
): Promise<Cipher> {
  if (config.encryptionKey) return cipherFromKey(Buffer.from(config.encryptionKey, 'base64'));
  if (config.production) throw new Error('FERRY_ENCRYPTION_KEY is required when NODE_ENV=production');
  const key = Buffer.from(await loadOrCreateSecret(config.dataDir, 'encryption-key', 32), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${secretPath(config.dataDir, 'encryption-key')} does not hold a 32-byte key; restore it or set FERRY_ENCRYPTION_KEY`,
    );
  }
  return cipherFromKey(key);
}

const secretPath = (dataDir: string, name: string): string => path.join(dataDir, 'secrets', name);

/**
 * A random development secret kept in FERRY_DATA_DIR/secrets/<name> (mode 0600), created on first use (base64 of
 * `bytes` random bytes) and the same ever after; concurrent first uses agree on one value.
 */
export async function loadOrCreateSecret(dataDir: string, name: string, bytes = 32): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Bad secret name: ${name}`);
  const file = secretPath(dataDir, name);
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined && existing.trim() !== '') return existing.trim();
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(tmp, randomBytes(bytes).toString('base64'), { mode: 0o600 });
  try {
    await fs.link(tmp, file); // fails when another process created it first: then theirs is used
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return (await fs.readFile(file, 'utf8')).trim();
}
