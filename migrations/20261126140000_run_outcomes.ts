// Each run's outcomes, kept when it ends. The ledger keeps only the last run that touched a record, so a
// later run (the full run after a demo, a delta) would take rows out of an earlier run's reports; the rows a
// run could report when it ended are copied here once, and its reports and counts read them from then on.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('run_outcomes', (t) => {
    t.uuid('run_id').notNullable().references('runs.id').onDelete('CASCADE');
    // The ledger row's id: the report's order and the records page's cursor, as when read from the ledger.
    t.bigInteger('ledger_id').notNullable();
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.text('target_id');
    t.text('status').notNullable();
    t.text('reason');
    // Reading a run's rows in order; a repeated copy adds no second row.
    t.primary(['run_id', 'ledger_id']);
    // A records page of one status and entity, in order.
    t.index(['run_id', 'status', 'entity', 'ledger_id'], 'run_outcomes_status_entity_idx');
  });
  // Set when the run's outcomes were kept: its reports read run_outcomes (even when it kept none).
  await knex.schema.alterTable('runs', (t) => {
    t.timestamp('outcomes_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('runs', (t) => {
    t.dropColumn('outcomes_at');
  });
  await knex.schema.dropTableIfExists('run_outcomes');
}
