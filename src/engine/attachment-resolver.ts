// Turns a part's planned files into what its body carries, fetching every file from the source BEFORE the
// Intercom call (issue 11 part 3): base64 attachment_files where Intercom accepts files; where it takes only
// URLs, the bytes go to Ferry's own store (attachment_files) and Intercom gets a signed PUBLIC_URL link that
// any Ferry process serves from there. So neither the writing process dying nor the source failing while
// Intercom fetches loses the file. A file the source refuses, that passes the size cap, or that still fails
// after the source's retries is left out of the part with a reason (recorded on the attachment's ledger row
// and in its part's note).
import type { Knex } from 'knex';
import type { Attachment } from '../model/canonical.js';
import type { SourceConnector } from '../sources/connector.js';
import type { AttachmentTransport, PlannedAttachment, ResolvedAttachment } from '../transform/attachments.js';
import { oversizeReason } from '../transform/attachments.js';
import { RecordError, RetryableError, SkipError } from '../errors.js';
import { putFile } from '../db/repositories/attachment-files.js';
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
  db: Knex;
  migrationId: string;
  runId: string;
  connector: SourceConnector;
  links: AttachmentLinkSigner;
  signal?: AbortSignal;
}

/** Reads of a file whose body broke off midway (the source's retries cover opening it, not its body). */
const BODY_ATTEMPTS = 3;

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

export interface FetchedFile {
  bytes: Buffer;
  contentType: string;
}

/** The file's bytes, through the connector's fetch guard (its own hosts, the cap, the source's retries). */
export async function fetchAttachment(
  deps: Pick<ResolverDeps, 'connector' | 'signal'>,
  p: PlannedAttachment,
): Promise<FetchedFile | { skipped: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const download = await deps.connector.openAttachment(toCanonicalAttachment(p), {
        maxBytes: p.maxBytes,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      const bytes = await readAll(download.stream, p.maxBytes, p.fileName);
      return { bytes, contentType: download.contentType || p.contentType };
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      if (error instanceof SkipError) return { skipped: error.message };
      const retried = error instanceof RetryableError || error instanceof RecordError;
      if (!retried && attempt < BODY_ATTEMPTS) continue;
      const message = error instanceof Error ? error.message : String(error);
      return {
        skipped: `attachment "${p.fileName}" could not be fetched from the source${retried ? ' after retries' : ''}: ${message}`,
      };
    }
  }
}

export async function resolveAttachments(
  deps: ResolverDeps,
  transport: AttachmentTransport,
  planned: readonly PlannedAttachment[],
): Promise<ResolvedAttachment[]> {
  const out: ResolvedAttachment[] = [];
  for (const p of planned) {
    const fetched = await fetchAttachment(deps, p);
    if ('skipped' in fetched) {
      out.push({ kind: 'skipped', reason: fetched.skipped });
      continue;
    }
    if (transport === 'files') {
      out.push({
        kind: 'file',
        file: { name: p.fileName, content_type: fetched.contentType, data: fetched.bytes.toString('base64') },
      });
      continue;
    }
    const fileId = await putFile(deps.db, {
      migrationId: deps.migrationId,
      runId: deps.runId,
      sourceId: p.attachmentId,
      fileName: p.fileName,
      contentType: fetched.contentType,
      bytes: fetched.bytes,
    });
    out.push({ kind: 'url', url: deps.links.url(deps.migrationId, fileId, p.fileName) });
  }
  return out;
}

/** The part's note: the files left off it and why ("" when none). */
export function attachmentLosses(resolved: readonly ResolvedAttachment[]): string {
  return resolved.flatMap((r) => (r.kind === 'skipped' ? [r.reason] : [])).join('; ');
}
