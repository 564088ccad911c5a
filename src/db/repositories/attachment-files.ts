// Ferry's own store of attachment files (migrations/20261204110000_attachment_files.ts): the bytes fetched
// from the source before the Intercom call that names them, served to Intercom by any Ferry process.
import { z } from 'zod';
import { isUuid, type Db } from './shared.js';

export interface StoredFileInput {
  migrationId: string;
  runId: string;
  /** The source attachment's id. */
  sourceId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const headSchema = z.object({
  id: z.string(),
  migration_id: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size: z.number().int(),
});
export type StoredFileHead = z.infer<typeof headSchema>;

/** Stores a file (again: a part written once more after a crash replaces its run's copy); resolves to its id. */
export async function putFile(db: Db, f: StoredFileInput): Promise<string> {
  const [row] = await db('attachment_files')
    .insert({
      migration_id: f.migrationId,
      run_id: f.runId,
      source_id: f.sourceId,
      file_name: f.fileName,
      content_type: f.contentType,
      size: f.bytes.length,
      bytes: f.bytes,
    })
    .onConflict(['run_id', 'source_id'])
    .merge(['file_name', 'content_type', 'size', 'bytes', 'created_at'])
    .returning<{ id: string }[]>('id');
  return row!.id;
}

/** The file's name, type and size (no bytes); undefined when it was swept or never stored. */
export async function fileHead(db: Db, id: string): Promise<StoredFileHead | undefined> {
  if (!isUuid(id)) return undefined;
  const row: unknown = await db('attachment_files')
    .where({ id })
    .first('id', 'migration_id', 'file_name', 'content_type', 'size');
  return row === undefined ? undefined : headSchema.parse(row);
}

/** The file's bytes in slices of `sliceBytes`, one query each, so a large file never sits whole in memory. */
export async function* fileSlices(db: Db, id: string, size: number, sliceBytes = 1024 * 1024) {
  for (let offset = 0; offset < size; offset += sliceBytes) {
    const row = await db('attachment_files')
      .where({ id })
      .first<{ slice: Buffer } | undefined>(
        db.raw('substring(bytes from ? for ?) as slice', [offset + 1, sliceBytes]),
      );
    if (!row) throw new Error(`attachment file ${id} was removed while it was being served`);
    yield row.slice;
  }
}

export async function markServed(db: Db, id: string): Promise<void> {
  await db('attachment_files').where({ id }).whereNull('served_at').update({ served_at: db.fn.now() });
}

/**
 * The run's sweep: removes its files that a link served, and those older than `unservedAfterSeconds` (Intercom
 * fetches within seconds of a write; one still unserved then is not coming). Resolves to how many went.
 */
export async function sweepRun(db: Db, runId: string, unservedAfterSeconds: number): Promise<number> {
  return db('attachment_files')
    .where({ run_id: runId })
    .where((q) =>
      q
        .whereNotNull('served_at')
        .orWhereRaw(`created_at < now() - make_interval(secs => ?)`, [unservedAfterSeconds]),
    )
    .delete();
}

/** The safety sweep: every file older than a link lives (runs that never finalised, cancelled or failed). */
export async function sweepExpired(db: Db, olderThanSeconds: number): Promise<number> {
  return db('attachment_files')
    .whereRaw(`created_at < now() - make_interval(secs => ?)`, [olderThanSeconds])
    .delete();
}
