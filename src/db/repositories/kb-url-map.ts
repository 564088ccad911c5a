// kb_url_map: a migration's old help-center addresses, what each became in Intercom and its redirect.
import type { Knex } from 'knex';
import { z } from 'zod';

export const urlMapRowSchema = z.object({
  old_url: z.string(),
  locale: z.string(),
  entity: z.string(),
  source_id: z.string(),
  target_id: z.string().nullable(),
  new_url: z.string().nullable(),
  redirect_id: z.string().nullable(),
});
export type UrlMapRow = z.infer<typeof urlMapRowSchema>;

/** Writes the rows (by old_url); a row's redirect_id is kept unless `redirect_id` is given. */
export async function upsertUrlMap(
  db: Knex,
  migrationId: string,
  runId: string,
  rows: readonly Omit<UrlMapRow, 'redirect_id'>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db('kb_url_map')
      .insert(
        rows
          .slice(i, i + 500)
          .map((r) => ({ ...r, migration_id: migrationId, last_run_id: runId, updated_at: db.fn.now() })),
      )
      .onConflict(['migration_id', 'old_url'])
      .merge(['locale', 'entity', 'source_id', 'target_id', 'new_url', 'last_run_id', 'updated_at']);
  }
}

export async function setRedirectId(
  db: Knex,
  migrationId: string,
  oldUrl: string,
  redirectId: string,
): Promise<void> {
  await db('kb_url_map')
    .where({ migration_id: migrationId, old_url: oldUrl })
    .update({ redirect_id: redirectId, updated_at: db.fn.now() });
}

/** The migration's map in a stable order (entity, source id, address). */
export async function urlMapRows(db: Knex, migrationId: string): Promise<UrlMapRow[]> {
  const rows: unknown[] = await db('kb_url_map')
    .where({ migration_id: migrationId })
    .orderBy(['entity', 'source_id', 'old_url'])
    .select('old_url', 'locale', 'entity', 'source_id', 'target_id', 'new_url', 'redirect_id');
  return rows.map((r) => urlMapRowSchema.parse(r));
}
