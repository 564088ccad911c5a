// Attachment plans: transform/ decides which files go with which part and how they travel; the engine
// fetches the bytes (or signs a PUBLIC_URL link) and fills the body with `applyAttachments`. DESIGN
// "Attachments": attachment_files (base64) where accepted, attachment_urls where only URLs are (conversation
// create, contact replies on tickets); ≤ 10 a part, Ferry's default 5, the rest in continuation parts; over
// the size cap → skipped with a reason.
import type { Attachment } from '../model/canonical.js';
import type { MigrationSettings } from '../settings/settings.js';
import type { AttachmentFile } from './intercom-bodies.js';

export type AttachmentTransport = 'files' | 'urls';

export interface PlannedAttachment {
  attachmentId: string;
  fileName: string;
  contentType: string;
  /** The source URL the engine fetches from (through the connector's fetch guard). */
  url: string;
  size: number | null;
  inline: boolean;
  /** The engine stops streaming past this many bytes and skips the file with `oversizeReason`. */
  maxBytes: number;
}

export interface SkippedAttachment {
  attachmentId: string;
  fileName: string;
  reason: string;
}

export interface AttachmentPlan {
  /** Files per part, in order: chunk 0 goes with the comment's own part, the rest with continuation parts. */
  chunks: PlannedAttachment[][];
  skipped: SkippedAttachment[];
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The reason a file over the cap is skipped (also used by the engine when the size shows only while streaming). */
export function oversizeReason(fileName: string, size: number | null, maxBytes: number): string {
  const actual = size === null ? 'larger than' : `${megabytes(size)}, over`;
  return `attachment "${fileName}" (${actual} the ${megabytes(maxBytes)} cap) skipped`;
}

/** Splits a list into chunks of `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Plans a comment's files: inline images that stood in the body first (body order), then the rest in source
 * order; over-cap files skipped; chunks of settings.options.attachmentsPerPart.
 */
export function planAttachments(
  attachments: readonly Attachment[],
  inlineUsed: readonly Attachment[],
  settings: MigrationSettings,
): AttachmentPlan {
  const { attachmentsPerPart, maxAttachmentBytes } = settings.options;
  const ordered = [...inlineUsed, ...attachments.filter((a) => !inlineUsed.includes(a))];
  const skipped: SkippedAttachment[] = [];
  const kept: PlannedAttachment[] = [];
  for (const a of ordered) {
    if (a.size !== null && a.size > maxAttachmentBytes) {
      skipped.push({
        attachmentId: a.id,
        fileName: a.fileName,
        reason: oversizeReason(a.fileName, a.size, maxAttachmentBytes),
      });
      continue;
    }
    kept.push({
      attachmentId: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      url: a.url,
      size: a.size,
      inline: a.inline,
      maxBytes: maxAttachmentBytes,
    });
  }
  return { chunks: chunk(kept, attachmentsPerPart), skipped };
}

/** What the engine made of one planned file. */
export type ResolvedAttachment =
  { kind: 'file'; file: AttachmentFile } | { kind: 'url'; url: string } | { kind: 'skipped'; reason: string };

/** Fills a body with the resolved files (files or URLs, per the part's transport); skipped ones are left out. */
export function applyAttachments<
  B extends { attachment_files?: AttachmentFile[]; attachment_urls?: string[] },
>(body: B, transport: AttachmentTransport, resolved: readonly ResolvedAttachment[]): B {
  if (transport === 'files') {
    const files = resolved.flatMap((r) => (r.kind === 'file' ? [r.file] : []));
    return files.length > 0 ? { ...body, attachment_files: files } : body;
  }
  const urls = resolved.flatMap((r) => (r.kind === 'url' ? [r.url] : []));
  return urls.length > 0 ? { ...body, attachment_urls: urls } : body;
}
