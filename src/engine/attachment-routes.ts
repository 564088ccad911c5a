// GET /files/<jwt>[/<name>]: streams a stored attachment file (attachment_files) to whoever holds a valid
// signed link (Intercom, fetching an attachment_url). The bytes were fetched from the source before the write
// and live in PostgreSQL, so any Ferry process serves the link, and the source is not called again.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { fileHead, fileSlices, markServed } from '../db/repositories/attachment-files.js';
import type { AttachmentLinkSigner } from './attachment-links.js';

export interface AttachmentRouteDeps {
  signer: AttachmentLinkSigner;
  logger: Logger;
  db: Knex;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987): headers are Latin-1. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const notFound = (message: string) => ({ error: { code: 'not_found', message } });

export function attachmentRoutes(deps: AttachmentRouteDeps): Router {
  const router = Router();
  router.get(['/files/:token', '/files/:token/:name'], async (req, res) => {
    const claims = deps.signer.verify(String(req.params.token));
    if (!claims) {
      res.status(404).json(notFound('This file link is invalid or has expired.'));
      return;
    }
    const head = await fileHead(deps.db, claims.fileId);
    if (!head || head.migration_id !== claims.migrationId) {
      res.status(404).json(notFound('This file is no longer kept.'));
      return;
    }
    res.status(200);
    res.setHeader('Content-Type', head.content_type);
    res.setHeader('Content-Length', String(head.size));
    res.setHeader('Content-Disposition', contentDisposition(head.file_name));
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      await pipeline(Readable.from(fileSlices(deps.db, head.id, head.size)), res);
      await markServed(deps.db, head.id);
    } catch (error) {
      deps.logger.warn({ err: error, file: head.id }, 'attachment link: stream ended early');
      res.destroy();
    }
  });
  return router;
}
