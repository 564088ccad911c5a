// rolled_back.csv: one line per Intercom object a rollback handled (entity, source_id, target_id, status,
// reason), status deleted | archived | kept | failed, each kept or failed line with its reason.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Knex } from 'knex';
import { listItems } from '../engine/rollback/state.js';
import { csvRecord } from './csv.js';

export const ROLLED_BACK_COLUMNS = ['entity', 'source_id', 'target_id', 'status', 'reason'] as const;

/** Writes DIR/rolled_back.csv; answers its path. */
export async function writeRolledBackCsv(db: Knex, rollbackId: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'rolled_back.csv');
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    await write(csvRecord(ROLLED_BACK_COLUMNS));
    for await (const r of listItems(db, rollbackId))
      await write(csvRecord([r.entity, r.source_id, r.target_id, r.status, r.reason]));
  } finally {
    out.end();
    await once(out, 'close');
  }
  return file;
}
