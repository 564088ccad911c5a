// url-map.csv: the old help center's addresses and what each became in Intercom (issue 15 §3), for the admin
// who updates links elsewhere (a website, macros, saved replies). One row per old address and locale; new_url
// is empty when the object was not migrated (its line in failed.csv / skipped.csv says why), redirect_id when
// no redirect was asked for or created.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { urlMapRows } from '../db/repositories/kb-url-map.js';
import { getRun } from '../engine/run-state.js';
import { csvRecord } from './csv.js';

export const URL_MAP_COLUMNS = [
  'old_url',
  'new_url',
  'entity',
  'source_id',
  'target_id',
  'redirect_id',
] as const;

/** The whole file of the run's migration (the map is the help center's now, not one run's). */
export async function urlMapCsv(db: Knex, runId: string): Promise<{ text: string; rows: number }> {
  const run = await getRun(db, runId);
  const rows = run ? await urlMapRows(db, run.migration_id) : [];
  const lines = rows.map((r) =>
    csvRecord([r.old_url, r.new_url, r.entity, r.source_id, r.target_id, r.redirect_id]),
  );
  return { text: [csvRecord(URL_MAP_COLUMNS), ...lines].join(''), rows: rows.length };
}

/** Writes url-map.csv into `dir` when the migration has a help center map; answers its row count (or null). */
export async function writeUrlMap(db: Knex, runId: string, dir: string): Promise<number | null> {
  const { text, rows } = await urlMapCsv(db, runId);
  if (rows === 0) return null;
  await writeFile(path.join(dir, 'url-map.csv'), text);
  return rows;
}
