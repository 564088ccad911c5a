// What the attachment tests assert: every attachment the ledger calls migrated sits on its Intercom part (or
// on the conversation's opening message) with the source file's name and size, and none was lost to a
// source read that failed.
import type { Knex } from 'knex';
import { expect } from 'vitest';
import type { EngineHarness } from './harness.js';

type Upload = { name: string; filesize: number };

/** Every part (and conversation opening) the emulator holds, by id, with its attachments. */
function uploadsById(h: EngineHarness): Map<string, Upload[]> {
  const map = new Map<string, Upload[]>();
  for (const t of h.intercom.state.tickets.values()) for (const p of t.parts) map.set(p.id, p.attachments);
  for (const c of h.intercom.state.conversations.values()) {
    for (const p of c.parts) map.set(p.id, p.attachments);
    const source = c.source as { attachments?: Upload[] } | undefined;
    map.set(String(c.id), source?.attachments ?? []);
  }
  return map;
}

/** Waits for Intercom's delayed attachment fetches to finish. */
export async function attachmentFetchesSettled(h: EngineHarness, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (h.intercom.state.attachmentFetchesPending > 0 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 50));
  expect(h.intercom.state.attachmentFetchesPending).toBe(0);
}

export async function expectEveryAttachmentArrived(
  db: Knex,
  h: EngineHarness,
  migrationId: string,
): Promise<number> {
  const rows = await db('ledger')
    .where({ migration_id: migrationId, entity: 'attachments' })
    .select<{ source_id: string; status: string; target_id: string | null; reason: string | null }[]>(
      'source_id',
      'status',
      'target_id',
      'reason',
    );
  const lost = rows.filter((r) => r.status !== 'migrated' && !/cap\) skipped/.test(r.reason ?? ''));
  expect(lost).toEqual([]);
  const uploads = uploadsById(h);
  const missing: string[] = [];
  for (const r of rows.filter((x) => x.status === 'migrated')) {
    const file = h.account.attachmentBytes(r.source_id);
    expect(file, `attachment ${r.source_id} is in the source`).not.toBeNull();
    const size = typeof file!.bytes === 'number' ? file!.bytes : file!.bytes.length;
    const on = uploads.get(r.target_id ?? '') ?? [];
    if (!on.some((u) => u.name === file!.fileName && u.filesize === size))
      missing.push(`${r.source_id} "${file!.fileName}" (${size} bytes) on ${r.target_id}`);
  }
  expect(missing).toEqual([]);
  // Every link Intercom was given was served.
  expect(h.intercom.state.attachmentFetches.filter((f) => !f.ok)).toEqual([]);
  return rows.filter((x) => x.status === 'migrated').length;
}
