// Test helpers that read the emulator's state.
import type { EmulatorState, Part } from './state.js';

/** Throws, listing them, when any request or response broke the 2.16 description. */
export function expectNoViolations(emulator: { state: EmulatorState }): void {
  const v = emulator.state.violations;
  if (v.length === 0) return;
  const lines = v
    .slice(0, 10)
    .map((x) => `${x.kind} ${x.method} ${x.path}${x.status ? ` ${x.status}` : ''}: ${x.errors.join('; ')}`);
  throw new Error(`The Intercom emulator saw ${v.length} description violation(s):\n${lines.join('\n')}`);
}

export function conversationWithParts(
  emulator: { state: EmulatorState },
  id: string,
): { parts: Part[] } & Record<string, unknown> {
  const c = emulator.state.conversations.get(id);
  if (!c) throw new Error(`no conversation ${id} in the emulator`);
  return c;
}

export function ticketWithParts(
  emulator: { state: EmulatorState },
  id: string,
): { parts: Part[] } & Record<string, unknown> {
  const t = emulator.state.tickets.get(id);
  if (!t) throw new Error(`no ticket ${id} in the emulator`);
  return t;
}

export function contactsByEmail(
  emulator: { state: EmulatorState },
  email: string,
): Array<Record<string, unknown>> {
  return emulator.state.contacts.withValue('email', email);
}

/** Test-only: what an admin might do in Intercom after a run. Each throws when there is nothing to change. */
export const tamper = {
  /** Deletes a part of a ticket or conversation. */
  removePart(emulator: { state: EmulatorState }, threadId: string, partId: string): void {
    const thread = emulator.state.tickets.get(threadId) ?? emulator.state.conversations.get(threadId);
    const i = thread?.parts.findIndex((p) => p.id === partId) ?? -1;
    if (!thread || i < 0) throw new Error(`no part ${partId} on ${threadId} in the emulator`);
    thread.parts.splice(i, 1);
  },
  /** Removes the named file from a part. */
  removeAttachment(emulator: { state: EmulatorState }, threadId: string, partId: string, name: string): void {
    const thread = emulator.state.tickets.get(threadId) ?? emulator.state.conversations.get(threadId);
    const part = thread?.parts.find((p) => p.id === partId);
    const i = part?.attachments.findIndex((a) => a.name === name) ?? -1;
    if (!part || i < 0) throw new Error(`no attachment ${name} on part ${partId} in the emulator`);
    part.attachments.splice(i, 1);
  },
  /** Takes a tag (by name) off a ticket, conversation or contact. */
  untag(
    emulator: { state: EmulatorState },
    objectType: 'contact' | 'conversation' | 'ticket',
    objectId: string,
    tagName: string,
  ): void {
    const { taggings, tags } = emulator.state;
    const tagId = taggings.tagIdsOf(objectType, objectId).find((id) => tags.get(id)?.name === tagName);
    if (tagId === undefined)
      throw new Error(`no tag ${tagName} on ${objectType} ${objectId} in the emulator`);
    taggings.remove(tagId, objectType, objectId);
  },
};
