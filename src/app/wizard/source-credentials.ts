// The source secret as the console's HTTPS form stores it (migrations.source_credentials_enc): JSON sealed
// with the AES-GCM cipher. Only the console writes it and only the source adapter opens it; a canvas, a log
// line or stored_data never carries it.
import { z } from 'zod';
import { sealContext, type Cipher } from '../../crypto.js';

export const sourceCredentialsSchema = z.discriminatedUnion('platform', [
  z.object({
    platform: z.literal('zendesk'),
    email: z.string().trim().min(1),
    token: z.string().trim().min(1),
  }),
  z.object({ platform: z.literal('freshdesk'), apiKey: z.string().trim().min(1) }),
]);
export type SourceCredentials = z.infer<typeof sourceCredentialsSchema>;

/** Sealed for one migration: the ciphertext opens only as that migration's (src/crypto.ts, sealContext). */
export function sealSourceCredentials(
  cipher: Cipher,
  credentials: SourceCredentials,
  migrationId: string,
): string {
  return cipher.encrypt(
    JSON.stringify(sourceCredentialsSchema.parse(credentials)),
    sealContext.sourceCredentials(migrationId),
  );
}

/** The credentials, or null when they cannot be read (another key, another shape): the admin enters them again. */
export function openSourceCredentials(
  cipher: Cipher,
  sealed: string,
  migrationId: string,
): SourceCredentials | null {
  try {
    const plain = cipher.decrypt(sealed, sealContext.sourceCredentials(migrationId));
    const parsed = sourceCredentialsSchema.safeParse(JSON.parse(plain));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
