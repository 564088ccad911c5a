// What conversations and tickets share in the emulator: the contacts and parts lists in their views,
// and a reply appended (the two objects differ only in names).
import { MAX_PARTS_SHOWN, partFromReply, partView } from './parts.js';
import type { EmulatorState, Obj, Part } from './state.js';

type Thread = Obj & { parts: Part[]; contactIds: string[] };
type PartKind = 'conversation_part' | 'ticket_part';

/** `contacts: { type: 'contact.list', contacts }` as a conversation or ticket shows them. */
export function contactsView(state: EmulatorState, contactIds: string[]): Obj {
  return {
    type: 'contact.list',
    contacts: contactIds.map((id) => ({
      type: 'contact',
      id,
      external_id: (state.contacts.get(id)?.external_id as string | null) ?? null,
    })),
  };
}

/** `tags: { type: 'tag.list', tags }`: the tags on a conversation or ticket. */
export function threadTags(state: EmulatorState, objectType: 'conversation' | 'ticket', id: string): Obj {
  const tagIds = state.taggings.tagIdsOf(objectType, id);
  return {
    type: 'tag.list',
    tags: tagIds.map((tagId) => ({
      type: 'tag',
      id: tagId,
      name: String(state.tags.get(tagId)?.name ?? ''),
    })),
  };
}

/** `{ <kind>s: { type: '<kind>.list', <kind>s, total_count } }`: the latest 500 parts. */
export function partsView(parts: Part[], kind: PartKind): Obj {
  return {
    [`${kind}s`]: {
      type: `${kind}.list`,
      [`${kind}s`]: parts.slice(-MAX_PARTS_SHOWN).map((p) => partView(p, kind)),
      total_count: parts.length,
    },
  };
}

/** Appends the reply in `body` to the thread (its updated_at never goes back) and returns the part. */
export async function appendReply(
  state: EmulatorState,
  thread: Thread,
  body: Obj,
  fetchTimeoutMs: number,
): Promise<Part> {
  const part = await partFromReply(state, body, fetchTimeoutMs);
  thread.parts.push(part);
  thread.updated_at = Math.max(Number(thread.updated_at), part.created_at);
  return part;
}
