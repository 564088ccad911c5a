// Attributes Ferry adds to a ticket type it did not create (issue 15 §1) are recorded in created_objects too,
// so that a rollback archives exactly those: their Intercom address needs the ticket type (parent_id).
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('created_objects', (t) => {
    t.text('parent_id'); // ticket_type_attributes: the ticket type's Intercom id; null for the other kinds
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('created_objects', (t) => {
    t.dropColumn('parent_id');
  });
}
