// Live catch-up until cutover (issue 16): a migration that follows its source holds the subscription it made
// there (webhook and trigger ids, the signing secrets sealed) and the source ids deliveries named that no
// targeted delta has taken yet. Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('live_follows', (t) => {
    t.uuid('migration_id').primary().references('migrations.id').onDelete('CASCADE');
    t.text('status').notNullable(); // following | stopped
    /** What was created in the source: { webhooks: [{ id, secretEnc }], triggers: [id] } (secrets sealed). */
    t.jsonb('subscription').notNullable().defaultTo('{}');
    t.integer('sweep_minutes').notNullable().defaultTo(15);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_delivery_at', { useTz: true });
    t.timestamp('stopped_at', { useTz: true });
  });
  await knex.schema.createTable('live_pending', (t) => {
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('entity').notNullable(); // tickets | contacts | companies
    t.text('source_id').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['migration_id', 'entity', 'source_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('live_pending');
  await knex.schema.dropTable('live_follows');
}
