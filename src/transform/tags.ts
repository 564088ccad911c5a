// Tags: the source tags plus the optional "migrated" tag. Intercom tag names are case-insensitive
// (2.16 create_or_update_tag_request), so duplicates that differ only in case are sent once.
import type { Platform } from '../model/canonical.js';
import { migratedTagName, type MigrationSettings } from '../settings/settings.js';
import type { TagCreateBody, TagObjectBody } from './intercom-bodies.js';

export function recordTags(
  tags: readonly string[],
  settings: MigrationSettings,
  platform: Platform,
): string[] {
  const migrated = migratedTagName(settings, platform);
  return sourceTags(migrated ? [...tags, migrated] : tags);
}

/** A contact's or company's tags as Intercom takes them: trimmed, blank ones and case duplicates left out. */
export function sourceTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const name = raw.trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/** POST /tags body. */
export function toTagCreate(name: string): TagCreateBody {
  return { name };
}

/** POST /tickets/{id}/tags or /conversations/{id}/tags body. */
export function toTagObject(tagId: string, adminId: string): TagObjectBody {
  return { id: tagId, admin_id: adminId };
}
