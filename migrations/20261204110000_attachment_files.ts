// Attachment files fetched from the source before Intercom is called (issue 11 part 3). Where Intercom takes
// only URLs, it fetches PUBLIC_URL/files/<jwt> while (or after) it handles the write; the link names a row
// here, so any Ferry process can serve it, whichever process wrote the part and whether the source still
// answers. bytea rather than large objects: files are capped (the migration's maxAttachmentBytes, tens of
// MB), bytea rows are deleted with the run like any row (large objects would need lo_unlink on every path
// that removes one), and the link streams them in slices (substring) so a file never sits whole in memory
// on the serving side. Rows are swept when the run ends and, as a safety net, once older than a link lives.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attachment_files', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    // The source attachment's id: a part written again after a crash reuses its stored file.
    t.text('source_id').notNullable();
    t.text('file_name').notNullable();
    t.text('content_type').notNullable();
    t.integer('size').notNullable();
    t.binary('bytes').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Set when a link served it (Intercom has the file): the run's sweep removes served rows at once.
    t.timestamp('served_at', { useTz: true });
    t.unique(['run_id', 'source_id']);
    t.index(['created_at'], 'attachment_files_created_idx');
  });
  // Stored bytes are compressed images, PDFs and archives more often than not: skip TOAST compression.
  await knex.raw(`alter table attachment_files alter column bytes set storage external`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attachment_files');
}
