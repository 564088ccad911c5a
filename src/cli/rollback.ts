// `ferry rollback --migration NAME [--run ID] [--yes] [--report DIR]`: deletes from Intercom what Ferry
// created in a run (or in every run), after showing per entity what will go and asking to confirm; then
// reads every deleted object back. Resumable: the same command again continues a stopped rollback.
// Exit 0 all gone, 4 something could not be removed, 1 fatal, 2 bad usage, 3 stopped or not confirmed.
import { createInterface } from 'node:readline/promises';
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { startDatabase } from '../db/database.js';
import { migrateLatest } from '../db/migrate.js';
import { getMigration, settingsOf } from '../engine/context.js';
import { runRollback } from '../engine/rollback/run-rollback.js';
import { planRollback, type RollbackPlanLine } from '../engine/rollback/scope.js';
import { startOrResumeRollback } from '../engine/rollback/start.js';
import { countItems, finishRollback } from '../engine/rollback/state.js';
import { writeRolledBackCsv } from '../report/rolled-back.js';
import { cliLogger } from './migrate.js';
import { runSubcommand, say } from './output.js';
import { parseRollbackArgs, type RollbackOptions } from './rollback-args.js';
import { cliIntercom } from './source.js';
import { EXIT, ROLLBACK_USAGE, UsageError } from './usage.js';

export function rollbackCommand(argv: string[], config: Config): Promise<number> {
  return runSubcommand(
    argv,
    ROLLBACK_USAGE,
    (a) => parseRollbackArgs(a, config),
    (o) => rollback(o, config),
  );
}

/** The migration of that name (the run's, when one is named; a name several workspaces use needs --run). */
async function findMigrationId(db: Knex, options: RollbackOptions): Promise<string> {
  const ids = await db('migrations').where({ name: options.migration }).pluck<string[]>('id');
  if (ids.length === 0) throw new Error(`No migration named "${options.migration}"`);
  if (options.run) {
    const run = await db('runs')
      .whereIn('migration_id', ids)
      .where({ id: options.run })
      .first<{ migration_id: string } | undefined>('migration_id');
    if (!run) throw new Error(`Run ${options.run} is not a run of migration "${options.migration}"`);
    return run.migration_id;
  }
  if (ids.length > 1)
    throw new Error(
      `Several workspaces have a migration named "${options.migration}": name the run with --run`,
    );
  return ids[0]!;
}

export function planText(lines: readonly RollbackPlanLine[]): string {
  if (lines.length === 0) return 'Ferry created nothing there: there is nothing to roll back.\n';
  return lines
    .map(
      (l) =>
        `  ${l.entity}: ${l.remove} to ${/attributes|ticket_types/.test(l.entity) ? 'archive' : 'delete'}` +
        (l.keep > 0 ? `, ${l.keep} kept (not created by Ferry, or not deletable)` : ''),
    )
    .join('\n')
    .concat('\n');
}

async function confirmed(options: RollbackOptions): Promise<boolean | 'no-terminal'> {
  if (options.yes) return true;
  if (!process.stdin.isTTY) return 'no-terminal';
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('Delete these from Intercom? This cannot be undone. Type "yes": ');
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

async function rollback(options: RollbackOptions, config: Config): Promise<number> {
  const logger = cliLogger(config);
  const db = await startDatabase(config, logger);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await migrateLatest(db.knex);
    const migrationId = await findMigrationId(db.knex, options);
    const migration = await getMigration(db.knex, migrationId);
    if (!migration) throw new Error('the migration is gone');
    const runId = options.run ?? null;
    const plan = await planRollback(db.knex, migrationId, runId, settingsOf(migration).target);
    process.stdout.write(
      `${runId ? `Run ${runId}` : `Every run of "${options.migration}"`}: what Ferry created in Intercom\n${planText(plan)}`,
    );
    const answer = await confirmed(options);
    if (answer === 'no-terminal')
      throw new UsageError('give --yes to confirm (no terminal to ask on)', ROLLBACK_USAGE);
    if (!answer) {
      say('Not confirmed: nothing was deleted.');
      return EXIT.paused;
    }
    const { rollbackId, resumed } = await startOrResumeRollback(db.knex, migrationId, runId);
    say(`${resumed ? 'Resuming' : 'Starting'} rollback ${rollbackId}…`);
    const intercom = cliIntercom(options, logger).withSignal(stop.signal);
    const finished = await runRollback(
      {
        db: db.knex,
        intercom,
        logger,
        signal: stop.signal,
        onStep: (entity) => say(`Rolling back ${entity}…`),
      },
      rollbackId,
    ).catch((error: unknown) => {
      if (stop.signal.aborted) return false;
      throw error;
    });
    if (!finished) {
      say('Stopped: run the same command again to resume the rollback.');
      return EXIT.paused;
    }
    await finishRollback(db.knex, rollbackId, 'completed');
    const counts = await countItems(db.knex, rollbackId);
    let failed = 0;
    for (const [entity, c] of Object.entries(counts)) {
      failed += c.failed;
      process.stdout.write(
        `${entity}: ${c.deleted} deleted · ${c.archived} archived · ${c.kept} kept · ${c.failed} failed\n`,
      );
    }
    if (options.dir) say(`Wrote ${await writeRolledBackCsv(db.knex, rollbackId, options.dir)}`);
    return failed > 0 ? EXIT.mismatch : EXIT.finished;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.stop();
  }
}
