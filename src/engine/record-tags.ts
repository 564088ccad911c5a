// Tags in Intercom by name: one id per name (compared without case, as Intercom does), created on first use
// and shared by every record of a stage. Tickets and contacts tag by id; companies by name (2.16 has no
// per-company tag endpoint, only POST /tags with `companies`). A tag Intercom refuses is a loss of that
// record, kept in its reason, never a failure of the record itself.
import { RecordError } from '../errors.js';
import type { IntercomClient } from '../intercom/index.js';

/** Tag name (lower case) → its Intercom id. */
export type TagIdCache = Map<string, Promise<string>>;

export function tagIdCache(known: Readonly<Record<string, string>>): TagIdCache {
  return new Map(Object.entries(known).map(([k, v]) => [k, Promise.resolve(v)]));
}

export function tagIdsByName(
  intercom: Pick<IntercomClient, 'createTag'>,
  cache: TagIdCache,
  names: readonly string[],
): Promise<string[]> {
  return Promise.all(
    names.map((name) => {
      const k = name.toLowerCase();
      let id = cache.get(k);
      if (!id) {
        id = intercom.createTag(name).then((t) => t.id);
        id.catch(() => cache.delete(k));
        cache.set(k, id);
      }
      return id;
    }),
  );
}

/**
 * Applies each tag with `apply`, all at once; a refusal (a record failure: 400, 404, 422) becomes a line "tag "X" not
 * applied: …" instead of failing the record. Transient errors still throw (the job retries; tagging is
 * idempotent).
 */
export async function applyTags(
  names: readonly string[],
  apply: (name: string) => Promise<unknown>,
): Promise<string[]> {
  // In parallel: tagging is idempotent and its order does not matter (the losses keep the names' order).
  const results = await Promise.all(
    names.map(async (name) => {
      try {
        await apply(name);
        return null;
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        return `tag "${name}" not applied: ${error.message}`;
      }
    }),
  );
  return results.filter((l): l is string => l !== null);
}
