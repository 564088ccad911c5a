// GET /files/<jwt>: streams a source attachment to whoever holds a valid signed link (Intercom, fetching
// an attachment_url). The link names the migration and the attachment; the migration's connector fetches it
// under its own guards (own hosts only, size cap), so a link can never make Ferry fetch another address.
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { Logger } from '../logger.js';
import type { Attachment } from '../model/canonical.js';
import type { AttachmentDownload } from '../sources/connector.js';
import { SkipError } from '../errors.js';
import type { AttachmentLinkSigner } from './attachment-links.js';

export interface AttachmentRouteDeps {
  signer: AttachmentLinkSigner;
  logger: Logger;
  /** Opens the attachment through the migration's source connector (null: the migration is gone). */
  openAttachment(
    migrationId: string,
    attachment: Attachment,
    options: { maxBytes: number; signal?: AbortSignal },
  ): Promise<AttachmentDownload | null>;
  maxBytes: number;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987): headers are Latin-1. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function attachmentRoutes(deps: AttachmentRouteDeps): Router {
  const router = Router();
  router.get('/files/:token', async (req, res) => {
    const claims = deps.signer.verify(req.params.token);
    if (!claims) {
      res
        .status(404)
        .json({ error: { code: 'not_found', message: 'This file link is invalid or has expired.' } });
      return;
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    let download: AttachmentDownload | null;
    try {
      download = await deps.openAttachment(claims.migrationId, claims.attachment, {
        maxBytes: deps.maxBytes,
        signal: abort.signal,
      });
    } catch (error) {
      const status = error instanceof SkipError ? 413 : 502;
      deps.logger.warn(
        { err: error, attachment: claims.attachment.id },
        'attachment link: source fetch failed',
      );
      res
        .status(status)
        .json({ error: { code: 'source_fetch_failed', message: 'The file could not be fetched.' } });
      return;
    }
    if (!download) {
      res.status(404).json({ error: { code: 'not_found', message: 'This migration no longer exists.' } });
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', download.contentType || claims.attachment.contentType);
    if (download.size !== null) res.setHeader('Content-Length', String(download.size));
    res.setHeader('Content-Disposition', contentDisposition(claims.attachment.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await pipeline(download.stream, res);
    } catch (error) {
      deps.logger.warn(
        { err: error, attachment: claims.attachment.id },
        'attachment link: stream ended early',
      );
      res.destroy();
    }
  });
  return router;
}
