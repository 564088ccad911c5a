// Signed, short-lived links to stored attachment files (DESIGN "Attachments"): where Intercom accepts only
// URLs (ticket replies by a contact, conversation create) it fetches the file itself, so Ferry hands it
// PUBLIC_URL/files/<jwt>. The file was fetched from the source before the write and stored in PostgreSQL
// (attachment_files), so any Ferry process serves the link, whichever wrote the part.
import jwt from 'jsonwebtoken';
import { z } from 'zod';

/** Intercom fetches attachment URLs when the part is written; an hour covers its retries. */
export const DEFAULT_LINK_TTL_SECONDS = 60 * 60;

const AUDIENCE = 'ferry-attachment';

const claimsSchema = z.object({
  /** The migration the file belongs to. */
  mid: z.string().min(1),
  /** The stored file (attachment_files.id). */
  fid: z.string().min(1),
});
export type AttachmentClaims = { migrationId: string; fileId: string };

export interface AttachmentLinkSigner {
  /** `fileName` ends the path: Intercom names the upload after the URL's last segment. */
  url(migrationId: string, fileId: string, fileName: string): string;
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
    url(migrationId, fileId, fileName) {
      const token = jwt.sign({ mid: migrationId, fid: fileId }, options.secret, {
        algorithm: 'HS256',
        audience: AUDIENCE,
        expiresIn: ttl,
      });
      return `${base}/files/${token}/${encodeURIComponent(fileName)}`;
    },
    verify(token) {
      try {
        const decoded = jwt.verify(token, options.secret, { algorithms: ['HS256'], audience: AUDIENCE });
        const claims = claimsSchema.safeParse(decoded);
        return claims.success ? { migrationId: claims.data.mid, fileId: claims.data.fid } : null;
      } catch {
        return null;
      }
    },
  };
}
