// Issue 13 (the wizard as an admin meets it):
// - A demo no longer completes a migration: it leaves it "demo_done" until a full migration completes.
//   Migrations that earlier runs marked completed with only a demo behind them are told apart here.
// - The workspace's time zone as Intercom gives it (GET /me, app.timezone), for dates on the canvas.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    UPDATE migrations m SET status = 'demo_done'
    WHERE m.status = 'completed'
      AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.migration_id = m.id AND r.kind = 'full' AND r.status = 'completed')
  `);
  await knex.schema.alterTable('workspaces', (t) => {
    t.text('time_zone');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workspaces', (t) => {
    t.dropColumn('time_zone');
  });
  await knex('migrations').where({ status: 'demo_done' }).update({ status: 'completed' });
}
