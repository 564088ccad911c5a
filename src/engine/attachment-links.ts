// Signed, short-lived links to source attachments (DESIGN "Attachments"): where Intercom accepts only URLs
// (ticket replies by a contact, conversation create) it fetches the file itself, so Ferry hands it
// PUBLIC_URL/files/<jwt> and streams the bytes from the source when Intercom comes for them.
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { attachmentSchema, type Attachment } from '../model/canonical.js';

/** Intercom fetches attachment URLs when the part is written; an hour covers its retries. */
export const DEFAULT_LINK_TTL_SECONDS = 60 * 60;

const AUDIENCE = 'ferry-attachment';

const claimsSchema = z.object({
  /** The migration whose source connector serves the file. */
  mid: z.string().min(1),
  att: attachmentSchema,
});
export type AttachmentClaims = { migrationId: string; attachment: Attachment };

export interface AttachmentLinkSigner {
  url(migrationId: string, attachment: Attachment): string;
  verify(token: string): AttachmentClaims | null;
}

/** `publicUrl` is PUBLIC_URL (no trailing slash); `secret` signs the links (HS256). */
export function attachmentLinkSigner(options: {
  publicUrl: string;
  secret: string;
  ttlSeconds?: number;
}): AttachmentLinkSigner {
  const ttl = options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    url(migrationId, attachment) {
      const token = jwt.sign({ mid: migrationId, att: attachment }, options.secret, {
        algorithm: 'HS256',
        audience: AUDIENCE,
        expiresIn: ttl,
      });
      return `${base}/files/${token}`;
    },
    verify(token) {
      try {
        const decoded = jwt.verify(token, options.secret, { algorithms: ['HS256'], audience: AUDIENCE });
        const claims = claimsSchema.safeParse(decoded);
        return claims.success ? { migrationId: claims.data.mid, attachment: claims.data.att } : null;
      } catch {
        return null;
      }
    },
  };
}
