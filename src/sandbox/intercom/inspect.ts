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
  return [...emulator.state.contacts.values()].filter((c) => c.email === email);
}
