// Reports and run counts select the ledger rows a run touched (WHERE last_run_id = ?): index them.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ledger', (t) => {
    t.index(['last_run_id', 'entity', 'status'], 'ledger_last_run_entity_status_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ledger', (t) => {
    t.dropIndex(['last_run_id', 'entity', 'status'], 'ledger_last_run_entity_status_idx');
  });
}
