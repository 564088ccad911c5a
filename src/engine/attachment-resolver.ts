// Turns a part's planned files into what its body carries: base64 attachment_files where Intercom accepts
// files, signed PUBLIC_URL links where it takes only URLs. A file the source refuses or that passes the size
// cap is left out of the part with a reason (recorded on the ledger's attachment row).
import type { Attachment } from '../model/canonical.js';
import type { SourceConnector } from '../sources/connector.js';
import type { AttachmentTransport, PlannedAttachment, ResolvedAttachment } from '../transform/attachments.js';
import { oversizeReason } from '../transform/attachments.js';
import { RecordError, SkipError } from '../errors.js';
import type { AttachmentLinkSigner } from './attachment-links.js';

export function toCanonicalAttachment(p: PlannedAttachment): Attachment {
  return {
    id: p.attachmentId,
    fileName: p.fileName,
    contentType: p.contentType,
    size: p.size,
    url: p.url,
    inline: p.inline,
    inlineRef: null,
  };
}

export interface ResolverDeps {
  migrationId: string;
  connector: SourceConnector;
  links: AttachmentLinkSigner;
  signal?: AbortSignal;
}

async function readAll(stream: NodeJS.ReadableStream, maxBytes: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buf.length;
    if (total > maxBytes) throw new SkipError(oversizeReason(name, null, maxBytes));
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function resolveAttachments(
  deps: ResolverDeps,
  transport: AttachmentTransport,
  planned: readonly PlannedAttachment[],
): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const p of planned) {
    if (transport === 'urls') {
      out.push({ kind: 'url', url: deps.links.url(deps.migrationId, toCanonicalAttachment(p)) });
      continue;
    }
    try {
      const download = await deps.connector.openAttachment(toCanonicalAttachment(p), {
        maxBytes: p.maxBytes,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      const bytes = await readAll(download.stream, p.maxBytes, p.fileName);
      out.push({
        kind: 'file',
        file: {
          name: p.fileName,
          content_type: download.contentType || p.contentType,
          data: bytes.toString('base64'),
        },
      });
    } catch (error) {
      if (error instanceof SkipError) out.push({ kind: 'skipped', reason: error.message });
      else if (error instanceof RecordError)
        out.push({
          kind: 'skipped',
          reason: `attachment "${p.fileName}" could not be fetched from the source: ${error.message}`,
        });
      else throw error;
    }
  }
  return out;
}
