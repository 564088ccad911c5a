// The old-URL → new-URL map of a migration's help center (issue 15 §3): one row per old address of an
// article, section or category, the Intercom object and address it became, and the help-center redirect
// created for it (null until one exists). url-map.csv is read from it, and a rerun finds its redirects here.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('kb_url_map', (t) => {
    t.bigIncrements('id');
    t.uuid('migration_id').notNullable().references('id').inTable('migrations').onDelete('CASCADE');
    t.text('old_url').notNullable();
    t.text('locale').notNullable();
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.text('target_id');
    t.text('new_url');
    t.text('redirect_id');
    t.uuid('last_run_id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['migration_id', 'old_url']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('kb_url_map');
}
