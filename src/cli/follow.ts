// Live catch-up on the command line: `ferry migrate … --follow` follows the source after its run, printing one
// line per applied change until Ctrl-C; `ferry follow --stop …` (the same arguments) is the cutover: the
// subscription is removed from the source and a last delta runs.
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { createCipher } from '../crypto.js';
import { startDatabase } from '../db/database.js';
import { migrateLatest } from '../db/migrate.js';
import { installSchema } from '../jobs/runner/index.js';
import type { SourceConnector } from '../sources/connector.js';
import type { Cipher } from '../crypto.js';
import { deliveryUrl, freshdeskAutomationSteps, startFollowing, stopFollowing } from '../app/live/follow.js';
import { ensureWorkspace, findMigration, waitForRun } from '../app/runs.js';
import { startEngineHost } from './engine-host.js';
import { parseMigrateArgs, type MigrateOptions } from './migrate-args.js';
import { cliConnector, cliIntercom } from './source.js';
import { EXIT, MIGRATE_USAGE, UsageError } from './usage.js';
import { errorMessage, fatal, say } from './output.js';
import { cliLogger } from './migrate.js';

const POLL_MS = 1_000;

/** Subscribes, then prints each record a live-mode delta applied, until `interrupted()` says stop. */
export async function followUntilInterrupted(o: {
  db: Knex;
  migrationId: string;
  connector: SourceConnector;
  cipher: Cipher;
  publicUrl: string;
  interrupted(): boolean;
}): Promise<void> {
  const follow = await startFollowing(
    { db: o.db, cipher: o.cipher, publicUrl: o.publicUrl, connectorFor: async () => o.connector },
    o.migrationId,
  );
  if (follow.automationUrl) {
    process.stdout.write(`Freshdesk webhook URL: ${follow.automationUrl}\n`);
    for (const step of freshdeskAutomationSteps(follow.automationUrl)) say(step);
  }
  say(
    `Following ${o.connector.platform} until cutover: deliveries reach ${deliveryUrl(o.publicUrl, o.migrationId)}. Ctrl-C stops; ferry follow --stop (same arguments) is the cutover.`,
  );
  const printed = new Set<string>();
  while (!o.interrupted()) {
    const runs = await o
      .db('runs')
      .where({ migration_id: o.migrationId, kind: 'delta', status: 'completed' })
      .where('finished_at', '>=', follow.started_at)
      .orderBy('finished_at')
      .pluck<string[]>('id');
    for (const runId of runs.filter((id) => !printed.has(id))) {
      printed.add(runId);
      const rows = await o
        .db('ledger')
        .where({ last_run_id: runId })
        .whereIn('entity', ['tickets', 'contacts', 'companies'])
        .orderBy(['entity', 'source_id'])
        .select<{ entity: string; source_id: string; status: string; reason: string | null }[]>(
          'entity',
          'source_id',
          'status',
          'reason',
        );
      for (const r of rows)
        process.stdout.write(
          `Applied ${r.entity} ${r.source_id}: ${r.status}${r.reason ? ` (${r.reason})` : ''}\n`,
        );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `ferry follow --stop <the migrate arguments>`: the command-line cutover. */
export async function followCommand(argv: string[], config: Config): Promise<number> {
  if (!argv.includes('--stop'))
    return usageExit(
      new UsageError('ferry follow takes --stop (to follow, run ferry migrate … --follow)', MIGRATE_USAGE),
    );
  let options: MigrateOptions;
  try {
    options = await parseMigrateArgs(
      argv.filter((a) => a !== '--stop'),
      config,
    );
  } catch (error) {
    if (error instanceof UsageError) return usageExit(error);
    throw error;
  }
  const logger = cliLogger(config);
  const db = await startDatabase(config, logger);
  try {
    await migrateLatest(db.knex);
    await installSchema(db.url, logger);
    const connector = cliConnector(options, logger);
    const intercom = cliIntercom(options, logger);
    const me = await intercom.getMe();
    const workspace = me.app?.id_code;
    if (!workspace) throw new Error('Intercom did not say which workspace this access token belongs to');
    const workspaceId = await ensureWorkspace(db.knex, workspace, me.app?.name ?? null);
    if (!options.migration) return usageExit(new UsageError('--migration NAME is required', MIGRATE_USAGE));
    const migrationId = await findMigration(db.knex, workspaceId, options.migration);
    if (!migrationId) return fatal(`no migration named "${options.migration}"`);
    const cipher = await createCipher(config);
    const host = await startEngineHost({ config, logger, db, migrationId, connector, intercom, cipher });
    try {
      const { lastSweepRunId } = await stopFollowing(
        { db: db.knex, connectorFor: async () => connector },
        migrationId,
      );
      say('Cutover: the webhooks and triggers are removed from the source; live mode ended.');
      if (!lastSweepRunId) {
        say(
          'Another run of this migration is active: resume or cancel it, then run a delta for the last changes.',
        );
        return EXIT.finished;
      }
      say(`Last catch-up: delta run ${lastSweepRunId}`);
      const last = await waitForRun(db.knex, lastSweepRunId, { pollMs: 500 });
      if (last.status !== 'completed') return fatal(`the last delta ${last.status}: ${last.lastError ?? ''}`);
      process.stdout.write(`Run ${last.runId} (delta) completed: the migration is cut over\n`);
      return EXIT.finished;
    } finally {
      await host.stop();
    }
  } catch (error) {
    if (error instanceof UsageError) return usageExit(error);
    return fatal(errorMessage(error));
  } finally {
    await db.stop();
  }
}

function usageExit(error: UsageError): number {
  process.stderr.write(`ferry: ${error.message}\n\n${error.usage}`);
  return EXIT.usage;
}
