// Retention (issue 15 §2): when a migration's source data was wiped (its source credentials, staged payloads and
// comments, stored attachment files; archive_at already holds when that is due), and when an uninstalled
// workspace's data is wiped unless Ferry is installed again before then.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('migrations', (t) => {
    // Set once the retention job wiped the source data; the ledger, run outcomes and reports stay.
    t.timestamp('wiped_at', { useTz: true });
  });
  await knex.schema.alterTable('workspaces', (t) => {
    // Set on uninstall (uninstalled_at + grace), cleared by a re-installation.
    t.timestamp('wipe_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('workspaces', (t) => {
    t.dropColumn('wipe_at');
  });
  await knex.schema.alterTable('migrations', (t) => {
    t.dropColumn('wiped_at');
  });
}
