// Source references and timestamps: the small conversions every mapper shares.
import type { Platform } from '../model/canonical.js';

/** The attribute that carries a record's source reference on every Intercom object Ferry creates. */
export const FERRY_SOURCE_ID = 'ferry_source_id';

/** "<platform>:<id>", e.g. "zendesk:12345" (DESIGN: a bare id could collide with the customer's own ids). */
export function sourceRef(platform: Platform, id: string): string {
  return `${platform}:${id}`;
}

/** ISO-8601 → Unix seconds (Intercom's timestamps). */
export function toUnixSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`);
  return Math.floor(ms / 1000);
}

/** Escapes text for HTML bodies (notes, prefixes). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
