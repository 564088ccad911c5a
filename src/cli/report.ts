// `ferry report --migration NAME [--run ID] --report DIR`: writes the reports of an earlier run (the latest
// one by default) — summary.json and the three CSVs — from the outcomes the run kept when it ended (from the
// ledger while it is still going); and url-map.csv when the migration moved a help center.
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { startDatabase } from '../db/database.js';
import { migrateLatest } from '../db/migrate.js';
import { outcomesKept } from '../engine/run-outcomes.js';
import { writeReports } from '../report/write-reports.js';
import { migrationAndRun, strictArgs } from './args.js';
import { cliLogger } from './migrate.js';
import { errorMessage, fatal, say } from './output.js';
import { EXIT, REPORT_USAGE, UsageError } from './usage.js';

interface ReportOptions {
  migration: string;
  run: string | undefined;
  dir: string;
}

export function parseReportArgs(argv: string[]): ReportOptions {
  const fail = (message: string): never => {
    throw new UsageError(message, REPORT_USAGE);
  };
  const values = strictArgs(
    argv,
    { migration: { type: 'string' }, run: { type: 'string' }, report: { type: 'string' } },
    fail,
  );
  const { migration, run } = migrationAndRun(values, fail);
  if (!values.report) fail('--report DIR is required');
  return { migration, run, dir: values.report! };
}

/** The run to report: the given one (it must belong to the migration) or the migration's latest. */
export async function findRun(db: Knex, options: Pick<ReportOptions, 'migration' | 'run'>): Promise<string> {
  const migrations = await db('migrations').where({ name: options.migration }).select<{ id: string }[]>('id');
  if (migrations.length === 0) throw new Error(`No migration named "${options.migration}"`);
  const ids = migrations.map((m) => m.id);
  const query = db('runs').whereIn('migration_id', ids).orderBy('created_at', 'desc');
  const run = await (options.run ? query.where({ id: options.run }) : query).first<
    { id: string } | undefined
  >('id');
  if (!run)
    throw new Error(
      options.run
        ? `Run ${options.run} is not a run of migration "${options.migration}"`
        : `Migration "${options.migration}" has no run yet`,
    );
  if (!options.run && migrations.length > 1)
    throw new Error(
      `Several workspaces have a migration named "${options.migration}": name the run with --run`,
    );
  return run.id;
}

async function hasLaterRun(db: Knex, runId: string): Promise<boolean> {
  const later = await db('runs as later')
    .join('runs as this', 'this.migration_id', 'later.migration_id')
    .where('this.id', runId)
    .whereRaw('later.created_at > this.created_at')
    .first('later.id');
  return later !== undefined;
}

export async function reportCommand(argv: string[], config: Config): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(REPORT_USAGE);
    return EXIT.finished;
  }
  let options: ReportOptions;
  try {
    options = parseReportArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ferry: ${error.message}\n\n${error.usage}`);
      return EXIT.usage;
    }
    throw error;
  }
  const logger = cliLogger(config);
  try {
    const db = await startDatabase(config, logger);
    try {
      await migrateLatest(db.knex);
      const runId = await findRun(db.knex, options);
      const written = await writeReports(db.knex, runId, options.dir);
      // A run that ended keeps its outcomes; one that has not (ended before Ferry kept them) reads the ledger.
      if (!(await outcomesKept(db.knex, runId)) && (await hasLaterRun(db.knex, runId)))
        say(
          'Note: a later run of this migration exists and this run kept no outcomes of its own; the ledger keeps the last run that touched each record, so records the later run touched are in its reports, not in these.',
        );
      say(
        `Reports of run ${runId} written to ${written.dir} (migrated ${written.rows.migrated}, failed ${written.rows.failed}, skipped ${written.rows.skipped}${written.urlMap === null ? '' : `; url-map.csv: ${written.urlMap} old help-center addresses`})`,
      );
      return EXIT.finished;
    } finally {
      await db.stop();
    }
  } catch (error) {
    return fatal(errorMessage(error));
  }
}
