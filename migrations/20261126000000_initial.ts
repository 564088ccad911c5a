// Initial schema: workspaces, migrations (+ operators), runs, the ledger, received webhooks.
// Migrations import nothing from src/: they must keep running unchanged forever.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workspaces', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // Intercom's workspace id (app.id_code from GET /me), as Canvas Kit sends it in workspace_id.
    t.text('intercom_workspace_id').notNullable().unique();
    t.text('region').notNullable().defaultTo('us');
    t.text('name');
    // AES-256-GCM ciphertext (src/crypto.ts); null once uninstalled.
    t.text('access_token_enc');
    t.text('installed_by_admin_id');
    t.text('locale').notNullable().defaultTo('en');
    t.timestamp('installed_at', { useTz: true });
    t.timestamp('uninstalled_at', { useTz: true });
    t.timestamps(true, true);
  });

  await knex.schema.createTable('migrations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workspace_id').notNullable().references('workspaces.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('source_platform').notNullable(); // zendesk | freshdesk
    t.text('source_account'); // subdomain or base URL
    t.text('source_credentials_enc'); // AES-256-GCM ciphertext; wiped when archived
    // settings: entities, filters, mappings, options (src/settings/ owns the shape).
    t.jsonb('settings').notNullable().defaultTo('{}');
    t.jsonb('checklist').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('draft'); // draft | ready | running | paused | completed | archived | cancelled
    t.timestamp('archive_at', { useTz: true });
    t.timestamps(true, true);
    t.unique(['workspace_id', 'name']);
  });

  // Who may change a migration: the installing admin plus those added in the console.
  await knex.schema.createTable('migration_operators', (t) => {
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('admin_id').notNullable();
    t.text('added_by');
    t.timestamp('added_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['migration_id', 'admin_id']);
  });

  await knex.schema.createTable('runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('kind').notNullable(); // demo | full | delta
    t.text('status').notNullable().defaultTo('planned'); // planned | running | paused | completed | failed | cancelled
    t.text('stage'); // plan | reference | companies | contacts | tickets | articles | finalise
    t.text('pause_reason');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    // Delta watermark: taken when the run starts, so changes made during the run are caught next time.
    t.timestamp('watermark', { useTz: true });
    t.jsonb('cursors').notNullable().defaultTo('{}'); // stream name -> cursor, checkpointed per page
    t.jsonb('counters').notNullable().defaultTo('{}'); // entity -> { available, total, migrated, failed, skipped }
    t.text('last_error');
    t.timestamps(true, true);
    t.index(['migration_id', 'created_at']);
  });
  await knex.raw(`ALTER TABLE runs ADD CONSTRAINT runs_kind_check CHECK (kind IN ('demo','full','delta'))`);

  // The ledger: one row per source record and per comment part of a migration.
  await knex.schema.createTable('ledger', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('migration_id').notNullable().references('migrations.id').onDelete('CASCADE');
    t.text('entity').notNullable();
    t.text('source_id').notNullable();
    t.text('target_id');
    // pending: Ferry is about to call (or has called) Intercom and has not yet recorded the answer.
    t.text('status').notNullable();
    t.text('reason');
    t.text('source_hash');
    // For comment parts: the ticket they belong to and their order within it.
    t.text('parent_source_id');
    t.integer('position');
    t.uuid('last_run_id').references('runs.id').onDelete('SET NULL');
    t.timestamps(true, true);
    t.unique(['migration_id', 'entity', 'source_id']);
    t.index(['migration_id', 'entity', 'status']);
    t.index(['migration_id', 'entity', 'parent_source_id']);
  });
  await knex.raw(
    `ALTER TABLE ledger ADD CONSTRAINT ledger_status_check CHECK (status IN ('pending','migrated','failed','skipped'))`,
  );

  await knex.schema.createTable('webhook_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('workspace_id').references('workspaces.id').onDelete('CASCADE');
    t.text('topic').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'webhook_events',
    'ledger',
    'runs',
    'migration_operators',
    'migrations',
    'workspaces',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
