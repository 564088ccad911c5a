// Assertions shared by the engine's end-to-end tests: what Intercom holds against the ledger and the source.
import { expect } from 'vitest';
import type { Knex } from 'knex';
import { expectNoViolations, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import type { RunStatusView } from '../../src/app/runs.js';

/** Every entity: total = migrated + failed + skipped; every failed or skipped row has a reason. */
export async function expectCountsAddUp(db: Knex, status: RunStatusView): Promise<void> {
  for (const [entity, c] of Object.entries(status.counters)) {
    expect(c.total, `${entity}: total = migrated + failed + skipped`).toBe(c.migrated + c.failed + c.skipped);
  }
  const unexplained = await db('ledger')
    .where({ last_run_id: status.runId })
    .whereIn('status', ['failed', 'skipped'])
    .where((q) => q.whereNull('reason').orWhere('reason', ''))
    .select('entity', 'source_id', 'status');
  expect(unexplained).toEqual([]);
  const pending = await db('ledger')
    .where({ last_run_id: status.runId, status: 'pending' })
    .count<{ n: string }[]>('* as n');
  expect(Number(pending[0]?.n)).toBe(0);
}

/** No request broke the 2.16 description; every write that has skip_notifications carried it. */
export function expectCleanIntercomTraffic(intercom: RunningIntercomEmulator): void {
  expectNoViolations(intercom);
  expect(intercom.state.unsilencedWrites).toEqual([]);
}

/** Intercom's tickets by ferry_source_id: each source ticket at most once. */
export function ticketsBySourceId(intercom: RunningIntercomEmulator): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [id, t] of intercom.state.tickets) {
    const attrs = (t.ticket_attributes ?? {}) as Record<string, unknown>;
    const ref = String(attrs.ferry_source_id ?? '');
    map.set(ref, [...(map.get(ref) ?? []), id]);
  }
  return map;
}

/** How many objects and parts Intercom holds (a rerun must not change any of these). */
export function intercomFootprint(intercom: RunningIntercomEmulator) {
  const s = intercom.state;
  return {
    contacts: s.contacts.size,
    companies: s.companies.size,
    tickets: s.tickets.size,
    ticketParts: [...s.tickets.values()].reduce((n, t) => n + t.parts.length, 0),
    conversations: s.conversations.size,
    conversationParts: [...s.conversations.values()].reduce((n, c) => n + c.parts.length, 0),
    articles: s.articles.size,
    collections: s.collections.size,
    tags: s.tags.size,
  };
}

export type Target = 'tickets' | 'conversations';

/** Intercom's conversations by ferry_source_id (the conversations target): each source ticket at most once. */
export function conversationsBySourceId(intercom: RunningIntercomEmulator): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [id, c] of intercom.state.conversations) {
    const attrs = (c.custom_attributes ?? {}) as Record<string, unknown>;
    const ref = String(attrs.ferry_source_id ?? '');
    map.set(ref, [...(map.get(ref) ?? []), id]);
  }
  return map;
}

/** Where a run's tickets went, by ferry_source_id: Intercom tickets or conversations. */
export function targetsBySourceId(intercom: RunningIntercomEmulator, target: Target): Map<string, string[]> {
  return target === 'tickets' ? ticketsBySourceId(intercom) : conversationsBySourceId(intercom);
}

/** The Intercom object (ticket or conversation) a source ticket became; exactly one. */
export function objectOf(
  intercom: RunningIntercomEmulator,
  target: Target,
  platform: string,
  sourceId: string,
) {
  const ids = targetsBySourceId(intercom, target).get(`${platform}:${sourceId}`) ?? [];
  expect(ids, `${platform}:${sourceId} in Intercom ${target}`).toHaveLength(1);
  const object =
    target === 'tickets' ? intercom.state.tickets.get(ids[0]!) : intercom.state.conversations.get(ids[0]!);
  return object!;
}

/** The parts a source comment became (notes and replies), without assignment, close and other parts. */
export function commentParts<P extends { part_type: string }>(parts: readonly P[]): P[] {
  return parts.filter((p) => p.part_type === 'comment' || p.part_type === 'note');
}

/** No source ticket became two Intercom tickets (or conversations), and every migrated one is there once. */
export async function expectEachTicketOnce(
  db: Knex,
  intercom: RunningIntercomEmulator,
  migrationId: string,
  platform: 'freshdesk' | 'zendesk' = 'freshdesk',
  target: Target = 'tickets',
): Promise<void> {
  const bySource = targetsBySourceId(intercom, target);
  const doubled = [...bySource.entries()].filter(([, ids]) => ids.length > 1);
  expect(doubled).toEqual([]);
  const migrated = await db('ledger')
    .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
    .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
  for (const row of migrated) expect(bySource.get(`${platform}:${row.source_id}`)).toEqual([row.target_id]);
  const held = target === 'tickets' ? intercom.state.tickets : intercom.state.conversations;
  expect(held.size).toBe(migrated.length);
}

/**
 * Each ticket's and conversation's comment parts: none written twice (same created_at, author and body).
 * A conversation's assignment and close parts are left out: two of them may rightly share an instant.
 */
export function expectNoDoubledParts(intercom: RunningIntercomEmulator): void {
  const objects = [
    ...[...intercom.state.tickets].map(([id, t]) => [`ticket ${id}`, t.parts] as const),
    ...[...intercom.state.conversations].map(([id, c]) => [`conversation ${id}`, c.parts] as const),
  ];
  for (const [what, parts] of objects) {
    const keys = commentParts(parts).map((p) => `${p.created_at}|${p.author.id}|${p.part_type}|${p.body}`);
    const doubled = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(doubled, `${what} has a doubled part`).toEqual([]);
  }
}
