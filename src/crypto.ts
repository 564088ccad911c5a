// Credentials at rest: AES-256-GCM with FERRY_ENCRYPTION_KEY (base64, 32 bytes). Tokens read
// `v2:<iv>:<tag>:<ciphertext>` (base64url). v2 binds each ciphertext to its purpose and row with additional
// authenticated data (sealContext: `intercom-token:<Intercom workspace id>`,
// `source-credentials:<migration id>`), so a ciphertext copied into another row does not open there; and the
// tag is exactly 16 bytes (Node accepts shorter GCM tags unless told the length, and a 4-byte tag can be
// forged in about 2^32 tries). `v1:` tokens (no AAD) from before are still read, and rewritten as v2 at
// every start (src/db/reseal.ts), so they last only until the first start of this version.
// In development a missing key is generated into FERRY_DATA_DIR (mode 0600) and reused; production refuses
// to start without one (config.ts). Also: development secrets such as the sandbox's Intercom client secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';

export interface Cipher {
  /** Seals `plain` for one purpose and row (sealContext). */
  encrypt(plain: string, context: string): string;
  /** Opens a token sealed for the same context (a v1 token: without one). */
  decrypt(token: string, context: string): string;
}

/** What each ciphertext is bound to (its AES-GCM additional authenticated data). */
export const sealContext = {
  intercomToken: (intercomWorkspaceId: string): string => `intercom-token:${intercomWorkspaceId}`,
  sourceCredentials: (migrationId: string): string => `source-credentials:${migrationId}`,
  liveWebhookSecret: (migrationId: string): string => `live-webhook-secret:${migrationId}`,
};

export class DecryptionError extends Error {
  readonly code = 'decryption_failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DecryptionError';
  }
}

const VERSION = 'v2';
/** Tokens written before v2: no additional authenticated data; read, and resealed at start. */
export const LEGACY_VERSION = 'v1';
const IV_BYTES = 12; // GCM's recommended nonce size
const TAG_BYTES = 16; // the full GCM tag, and nothing shorter accepted

/** True for a token in the format before v2 (src/db/reseal.ts rewrites them). */
export function isLegacyToken(token: string): boolean {
  return token.startsWith(`${LEGACY_VERSION}:`);
}

export function cipherFromKey(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes');
  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join(':');
    },
    decrypt(token, context) {
      const [version, iv, tag, body, ...rest] = token.split(':');
      if (
        (version !== VERSION && version !== LEGACY_VERSION) ||
        iv === undefined ||
        tag === undefined ||
        body === undefined ||
        rest.length > 0
      ) {
        throw new DecryptionError(`Not a Ferry ${VERSION} ciphertext`);
      }
      const tagBytes = Buffer.from(tag, 'base64url');
      if (tagBytes.length !== TAG_BYTES)
        throw new DecryptionError(
          `Could not decrypt a stored credential: its tag is ${tagBytes.length} bytes, not ${TAG_BYTES}`,
        );
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        if (version === VERSION) decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tagBytes);
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (err) {
        throw new DecryptionError(
          'Could not decrypt a stored credential: it was altered or moved from another row, or FERRY_ENCRYPTION_KEY is not the key it was encrypted with',
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
