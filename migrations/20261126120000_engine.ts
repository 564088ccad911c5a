// The migration engine's working tables: records a run took in hand (staged from the source, so loading
// never re-reads a page and memory stays flat), Zendesk's bulk comment events staged in time order,
// progress samples for the progress chart, and Intercom reference data cached per migration.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // What the run's plan decided: demo sample, stream cursors of the extraction, scope counts.
  await knex.schema.alterTable('runs', (t) => {
    t.jsonb('plan').notNullable().defaultTo('{}');
  });

  // One row per source record in a run's scope, in extraction order (id), staged with its checkpoint.
  await knex.schema.createTable('run_records', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.jsonb('payload').notNullable();
    t.unique(['run_id', 'entity', 'source_id']);
    t.index(['run_id', 'entity', 'id']);
  });

  // Zendesk's incremental ticket-events export yields comments of all tickets in time order; each ticket's
  // comments are rebuilt from here (ordered by created_at, then arrival).
  await knex.schema.createTable('staged_comment_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    t.text('ticket_source_id').notNullable();
    t.text('comment_source_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.jsonb('payload').notNullable();
    t.unique(['run_id', 'comment_source_id']);
    t.index(['run_id', 'ticket_source_id', 'created_at', 'id']);
  });

  // Counters sampled while a run loads: the progress chart and the estimate.
  await knex.schema.createTable('run_progress', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    t.timestamp('sampled_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('counters').notNullable();
    t.index(['run_id', 'sampled_at']);
  });

  // Intercom reference data a migration resolved (ticket type, attribute names, tag ids…), reused by reruns.
  await knex.schema.createTable('migration_reference', (t) => {
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['migration_id', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['migration_reference', 'run_progress', 'staged_comment_events', 'run_records']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('runs', (t) => {
    t.dropColumn('plan');
  });
}
