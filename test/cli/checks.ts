// What the CLI tests compare: the reports against the ledger, and the Intercom emulator's footprint.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { REPORTED_ENTITIES } from '../../src/engine/progress.js';
import { parseCsv } from '../../src/report/csv.js';
import type { RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';

export interface Summary {
  migration: string;
  run: string;
  runId: string;
  entities: Record<
    string,
    { available: number | null; total: number; migrated: number; failed: number; skipped: number }
  >;
}

export async function readSummary(dir: string): Promise<Summary> {
  return JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8')) as Summary;
}

/** Every CSV row is a ledger row of the run with the same values, and every such ledger row is in a CSV. */
export async function expectReportsMatchLedger(db: Knex, dir: string, runId: string): Promise<void> {
  const ledger = await db('ledger')
    .where({ last_run_id: runId })
    .whereIn('entity', [...REPORTED_ENTITIES])
    .whereIn('status', ['migrated', 'failed', 'skipped'])
    .select<
      { entity: string; source_id: string; target_id: string | null; status: string; reason: string | null }[]
    >('entity', 'source_id', 'target_id', 'status', 'reason');
  const expected = ledger.map((r) => [r.entity, r.source_id, r.target_id ?? '', r.status, r.reason ?? '']);
  const actual: string[][] = [];
  for (const status of ['migrated', 'failed', 'skipped']) {
    const records = parseCsv(await readFile(path.join(dir, `${status}.csv`), 'utf8'));
    expect(records[0]).toEqual(['entity', 'source_id', 'target_id', 'status', 'reason']);
    for (const r of records.slice(1)) {
      expect(r[3]).toBe(status);
      actual.push(r);
    }
  }
  const key = (r: string[]) => r.join('\u0000');
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
}

export function expectCountsAddUp(summary: Summary): void {
  for (const [entity, c] of Object.entries(summary.entities))
    expect(c.total, entity).toBe(c.migrated + c.failed + c.skipped);
}

/** What Ferry created in the emulated Intercom: objects and parts. */
export function footprint(intercom: RunningIntercomEmulator): Record<string, number> {
  const s = intercom.state;
  return {
    contacts: s.contacts.size,
    companies: s.companies.size,
    tickets: s.tickets.size,
    ticketParts: [...s.tickets.values()].reduce((n, t) => n + t.parts.length, 0),
    conversations: s.conversations.size,
    conversationParts: [...s.conversations.values()].reduce((n, c) => n + c.parts.length, 0),
  };
}
