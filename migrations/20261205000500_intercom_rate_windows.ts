// One row per Intercom rate budget (an app's token on one workspace): the calls every Ferry process has
// taken from the current window. Worker processes lease tokens from it in small batches, so two processes
// working for one workspace stay under its limit together (src/intercom/shared-rate-budget.ts).
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('intercom_rate_windows', (t) => {
    t.text('budget_key').primary();
    /** floor(epoch ms ÷ window length), on the database's clock: one clock for every process. */
    t.bigInteger('window_no').notNullable();
    t.integer('used').notNullable();
    /** What the last lease was granted (the statement that leases returns it). */
    t.integer('last_grant').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('intercom_rate_windows');
}
