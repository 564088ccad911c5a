// `ferry migrate`: checks both sides' credentials, creates or continues the named migration with settings
// from --settings or mapped automatically, then starts (or resumes) a demo, full or delta run and drives it
// in-process — job worker and attachment links included — with progress on stderr. Ctrl-C pauses the run
// (exit 3); the same command line resumes it. Exit 0 finished, 1 fatal, 2 bad usage, 3 paused.
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { startDatabase } from '../db/database.js';
import { migrateLatest } from '../db/migrate.js';
import { installSchema } from '../jobs/runner/index.js';
import { createLogger, type Logger } from '../logger.js';
import {
  createMigration,
  ensureWorkspace,
  findMigration,
  getRunStatus,
  pauseRun,
  updateMigrationSettings,
  waitForRun,
  type RunStatusView,
} from '../app/runs.js';
import { getMigration, settingsOf } from '../engine/context.js';
import { parseSettings, type MigrationSettings } from '../settings/settings.js';
import { writeReports } from '../report/write-reports.js';
import type { IntercomClient } from '../intercom/index.js';
import type { SourceConnector } from '../sources/connector.js';
import { autoMapSettings } from './auto-settings.js';
import { createCipher } from '../crypto.js';
import { followUntilInterrupted } from './follow.js';
import { startEngineHost } from './engine-host.js';
import { defaultMigrationName, parseMigrateArgs, type MigrateOptions } from './migrate-args.js';
import { createProgress, skippedText } from './progress.js';
import { startOrResume } from './run-choice.js';
import { cliConnector, cliIntercom } from './source.js';
import { EXIT, MIGRATE_USAGE, UsageError } from './usage.js';
import { errorMessage, fatal, say } from './output.js';

/** The CLI logs warnings and worse unless LOG_LEVEL asks for more detail (progress owns the terminal). */
export function cliLogger(config: Config): Logger {
  const level = config.logLevel === 'info' ? 'warn' : config.logLevel;
  return createLogger({ ...config, logLevel: level });
}

async function resolveSettings(
  options: MigrateOptions,
  existing: MigrationSettings | null,
  connector: SourceConnector,
  intercom: IntercomClient,
): Promise<MigrationSettings> {
  let base: MigrationSettings;
  try {
    base = parseSettings(options.settings ?? existing ?? {});
    base = parseSettings({
      ...base,
      ...(options.entities ? { entities: options.entities } : {}),
      ...(options.target ? { target: options.target } : {}),
    });
  } catch (error) {
    throw new UsageError(errorMessage(error), MIGRATE_USAGE);
  }
  if (options.settings !== undefined) return base;
  const auto = await autoMapSettings(base, connector, intercom);
  for (const line of auto.summary) say(line);
  return auto.settings;
}

async function prepareMigration(
  db: Knex,
  options: MigrateOptions,
  connector: SourceConnector,
  intercom: IntercomClient,
): Promise<{ migrationId: string; name: string }> {
  const account = await connector.checkCredentials();
  say(`Source: ${options.platform} ${account.account} as ${account.user.email ?? account.user.name}`);
  const me = await intercom.getMe();
  const workspace = me.app?.id_code;
  if (!workspace) throw new Error('Intercom did not say which workspace this access token belongs to');
  say(`Intercom: workspace ${me.app?.name ?? workspace} as ${me.email ?? me.name ?? me.id}`);
  const workspaceId = await ensureWorkspace(db, workspace, me.app?.name ?? null);
  const name = options.migration ?? defaultMigrationName(options.platform, options.fromUrl, intercom.baseUrl);
  const found = await findMigration(db, workspaceId, name);
  const existing = found ? await getMigration(db, found) : null;
  if (existing && existing.source_platform !== options.platform)
    throw new Error(`Migration "${name}" moves from ${existing.source_platform}, not ${options.platform}`);
  const settings = await resolveSettings(
    options,
    existing ? settingsOf(existing) : null,
    connector,
    intercom,
  );
  if (existing) {
    await updateMigrationSettings(db, existing.id, settings);
    return { migrationId: existing.id, name };
  }
  const migrationId = await createMigration(db, {
    workspaceId,
    name,
    platform: options.platform,
    sourceAccount: options.fromUrl,
    settings,
  });
  return { migrationId, name };
}

/** First SIGINT/SIGTERM pauses the run; a later one (after 1.5 s: a terminal relays Ctrl-C) exits at once. */
function pauseOnSignals(db: Knex, runId: () => string | null): { interrupted(): boolean; dispose(): void } {
  let since: number | null = null;
  const onSignal = () => {
    if (since !== null) {
      if (Date.now() - since > 1500) process.exit(130);
      return;
    }
    since = Date.now();
    const id = runId();
    // While following (--follow) the run has ended: Ctrl-C stops following, it pauses nothing.
    say(
      id ? 'Pausing the run: waiting for the work in flight…' : 'Stopping: waiting for the work in flight…',
    );
    if (id) pauseRun(db, id, 'Paused with Ctrl-C').catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    interrupted: () => since !== null,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** "3 migrated with losses, " when a record arrived with something left off (its reason in migrated.csv). */
const lossText = (c: { migratedWithLosses: number }): string =>
  c.migratedWithLosses > 0 ? `${c.migratedWithLosses} migrated with losses, ` : '';

function outcome(status: RunStatusView): number {
  const line = Object.entries(status.counters)
    .filter(([, c]) => c.total > 0)
    .map(([e, c]) => `${e} ${c.migrated}/${c.total} (${lossText(c)}failed ${c.failed}, ${skippedText(c)})`)
    .join('; ');
  switch (status.status) {
    case 'completed':
      process.stdout.write(`Run ${status.runId} (${status.kind}) completed: ${line || 'nothing to move'}\n`);
      if (status.verification) {
        const v = status.verification;
        process.stdout.write(
          `Verified: ${v.matched} matched · ${v.mismatched} mismatched · ${v.unverifiable} not verifiable${v.mismatched > 0 ? ' (mismatches.csv with --report, or ferry verify)' : ''}\n`,
        );
      }
      return EXIT.finished;
    case 'paused':
      say(`Run ${status.runId} (${status.kind}) paused: ${status.pauseReason ?? 'no reason given'}`);
      say('Run the same command again to resume it.');
      return EXIT.paused;
    default:
      return fatal(`run ${status.runId} ${status.status}: ${status.lastError ?? 'no error recorded'}`);
  }
}

export async function migrateCommand(argv: string[], config: Config): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(MIGRATE_USAGE);
    return EXIT.finished;
  }
  let options: MigrateOptions;
  try {
    options = await parseMigrateArgs(argv, config);
  } catch (error) {
    if (error instanceof UsageError) return usage(error);
    throw error;
  }
  try {
    return await drive(options, config);
  } catch (error) {
    if (error instanceof UsageError) return usage(error);
    return fatal(errorMessage(error));
  }
}

async function drive(options: MigrateOptions, config: Config): Promise<number> {
  const logger = cliLogger(config);
  let runId: string | null = null;
  const db = await startDatabase(config, logger);
  let following = false;
  const interrupts = pauseOnSignals(db.knex, () => (following ? null : runId));
  try {
    await migrateLatest(db.knex);
    await installSchema(db.url, logger);
    const connector = cliConnector(options, logger);
    const intercom = cliIntercom(options, logger);
    const { migrationId, name } = await prepareMigration(db.knex, options, connector, intercom);
    if (interrupts.interrupted()) {
      say('Interrupted before the run started: run the same command again to start it.');
      return EXIT.paused;
    }
    const cipher = options.follow ? await createCipher(config) : undefined;
    const host = await startEngineHost({
      config,
      logger,
      db,
      migrationId,
      connector,
      intercom,
      ...(cipher ? { cipher } : {}),
    });
    const progress = createProgress(process.stderr);
    try {
      const choice = await startOrResume(db.knex, migrationId, options.kind);
      runId = choice.runId;
      if (choice.cancelled) say(`Cancelled the paused ${choice.cancelled} to start a ${options.kind} run.`);
      say(`${choice.resumed ? 'Resuming' : 'Starting'} ${options.kind} run ${runId} of migration "${name}"`);
      if (interrupts.interrupted())
        await pauseRun(db.knex, runId, 'Paused with Ctrl-C').catch(() => undefined);
      await waitForRun(db.knex, runId, { pollMs: 500, onProgress: (s) => progress.update(s) });
      const ran = await getRunStatus(db.knex, runId);
      if (cipher && ran.status === 'completed' && !interrupts.interrupted()) {
        progress.finish(ran);
        following = true;
        await followUntilInterrupted({
          db: db.knex,
          migrationId,
          connector,
          cipher,
          publicUrl: host.publicUrl,
          interrupted: interrupts.interrupted,
        });
      }
    } finally {
      await host.stop();
    }
    const status = await getRunStatus(db.knex, runId);
    progress.finish(status);
    if (options.reportDir) {
      const written = await writeReports(db.knex, runId, options.reportDir);
      say(`Reports written to ${written.dir}`);
    }
    return outcome(status);
  } finally {
    interrupts.dispose();
    await db.stop();
  }
}

function usage(error: UsageError): number {
  process.stderr.write(`ferry: ${error.message}\n\n${error.usage}`);
  return EXIT.usage;
}
