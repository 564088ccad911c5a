// What the verify stage found when it read a run's records back from Intercom: per entity the counts
// (checked = matched + mismatched + unverifiable), and one row per problem of a mismatched record (or the
// reason a record could not be verified). A new verification of the run replaces both.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('run_verification', (t) => {
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    t.text('entity').notNullable();
    t.integer('checked').notNullable().defaultTo(0);
    t.integer('matched').notNullable().defaultTo(0);
    t.integer('mismatched').notNullable().defaultTo(0);
    t.integer('unverifiable').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['run_id', 'entity']);
  });
  await knex.schema.createTable('run_mismatches', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.text('target_id');
    // 'mismatch': Intercom differs from what Ferry wrote; 'unverifiable': Intercom cannot show it.
    t.text('kind').notNullable();
    t.text('problem').notNullable();
    t.index(['run_id', 'kind', 'id'], 'run_mismatches_run_kind_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('run_mismatches');
  await knex.schema.dropTableIfExists('run_verification');
}
