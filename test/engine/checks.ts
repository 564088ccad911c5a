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

/** No source ticket became two Intercom tickets, and every migrated one is there once. */
export async function expectEachTicketOnce(
  db: Knex,
  intercom: RunningIntercomEmulator,
  migrationId: string,
): Promise<void> {
  const bySource = ticketsBySourceId(intercom);
  const doubled = [...bySource.entries()].filter(([, ids]) => ids.length > 1);
  expect(doubled).toEqual([]);
  const migrated = await db('ledger')
    .where({ migration_id: migrationId, entity: 'tickets', status: 'migrated' })
    .select<{ source_id: string; target_id: string }[]>('source_id', 'target_id');
  for (const row of migrated) expect(bySource.get(`freshdesk:${row.source_id}`)).toEqual([row.target_id]);
  expect(intercom.state.tickets.size).toBe(migrated.length);
}

/** Each ticket's parts: no part written twice (same created_at, author and body). */
export function expectNoDoubledParts(intercom: RunningIntercomEmulator): void {
  for (const [id, t] of intercom.state.tickets) {
    const keys = t.parts.map((p) => `${p.created_at}|${p.author.id}|${p.part_type}|${p.body}`);
    const doubled = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(doubled, `ticket ${id} has a doubled part`).toEqual([]);
  }
}
