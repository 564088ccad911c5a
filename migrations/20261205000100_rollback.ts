// Rollback (issue 15 §1): what Ferry itself created in Intercom, recorded at write time, and the rollbacks
// that delete it again. A ledger row says whether its Intercom object was created by Ferry (true) or only
// matched or reused (false; null on rows written before this migration, treated as "not created": never
// deleted) and in which run. Objects that are no ledger record (tags, attributes, a ticket type) are kept in
// created_objects. A rollback keeps one row per object it handled, so a resumed rollback neither deletes nor
// counts anything twice.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ledger', (t) => {
    t.boolean('created_by_ferry');
    t.uuid('created_run_id');
  });
  await knex.schema.createTable('created_objects', (t) => {
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('kind').notNullable(); // tags | contact_attributes | company_attributes | conversation_attributes
    t.text('target_id').notNullable();
    t.text('name').notNullable();
    t.uuid('run_id');
    // Archived by a rollback (attributes cannot be deleted): a later run takes it back out of the archive.
    t.boolean('archived').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['migration_id', 'kind', 'target_id']);
  });
  await knex.schema.createTable('rollbacks', (t) => {
    t.uuid('id').primary();
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.uuid('run_id'); // null: every run of the migration
    t.text('status').notNullable().defaultTo('running'); // running | completed | failed
    t.text('reason');
    t.jsonb('progress').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['migration_id', 'created_at']);
  });
  await knex.schema.createTable('rollback_items', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('rollback_id').notNullable().references('rollbacks.id').onDelete('CASCADE');
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.text('target_id');
    t.text('status').notNullable(); // deleted | archived | kept | failed
    t.text('reason');
    t.boolean('verified');
    t.unique(['rollback_id', 'entity', 'source_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rollback_items');
  await knex.schema.dropTable('rollbacks');
  await knex.schema.dropTable('created_objects');
  await knex.schema.alterTable('ledger', (t) => {
    t.dropColumn('created_run_id');
    t.dropColumn('created_by_ferry');
  });
}
