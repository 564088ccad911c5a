// `ferry verify --migration NAME [--run ID] --report DIR`: reads every record of a run (the latest by default)
// back from Intercom and compares it with the source record (src/engine/verify.ts), then writes the run's
// reports with verification.json and mismatches.csv. A run whose staging is gone (it ended) has its records
// read again through the source connector (--from …). Only GETs reach Intercom.
// Exit 0 all matched, 4 a mismatch, 1 fatal, 2 bad usage, 3 stopped with Ctrl-C.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { startDatabase } from '../db/database.js';
import { migrateLatest } from '../db/migrate.js';
import { ConfigurationError } from '../errors.js';
import { attachmentLinkSigner } from '../engine/attachment-links.js';
import { getMigration, settingsOf, type StageContext } from '../engine/context.js';
import { getRun } from '../engine/run-state.js';
import { clearStaging } from '../engine/staging.js';
import { runVerifyStage } from '../engine/verify.js';
import { resetVerification } from '../engine/verify-results.js';
import { hasStaging, restageFromSource } from '../engine/verify-restage.js';
import type { Platform } from '../model/canonical.js';
import type { SourceConnector } from '../sources/connector.js';
import { writeReports } from '../report/write-reports.js';
import { cliLogger } from './migrate.js';
import { runSubcommand, say } from './output.js';
import { findRun } from './report.js';
import { cliConnector, cliIntercom } from './source.js';
import { EXIT, UsageError, VERIFY_USAGE } from './usage.js';
import { parseVerifyArgs, type VerifyOptions } from './verify-args.js';

/** Stands in for the source when no credentials were given: the staged records suffice, it is never read. */
function noSource(platform: Platform): SourceConnector {
  const refuse = () => {
    throw new ConfigurationError('ferry verify needs the source credentials (--from …) to read the source');
  };
  return new Proxy({ platform, streams: {} } as SourceConnector, {
    get: (target, prop) => (prop in target ? target[prop as keyof SourceConnector] : refuse),
  });
}

export function verifyCommand(argv: string[], config: Config): Promise<number> {
  return runSubcommand(
    argv,
    VERIFY_USAGE,
    (a) => parseVerifyArgs(a, config),
    (o) => verify(o, config),
  );
}

async function verify(options: VerifyOptions, config: Config): Promise<number> {
  const logger = cliLogger(config);
  const db = await startDatabase(config, logger);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await migrateLatest(db.knex);
    const run = await getRun(db.knex, await findRun(db.knex, options));
    const migration = run ? await getMigration(db.knex, run.migration_id) : null;
    if (!run || !migration) throw new Error('the run or its migration is gone');
    if (options.source && options.source.auth.platform !== migration.source_platform)
      throw new UsageError(
        `Migration "${options.migration}" moves from ${migration.source_platform}, not ${options.source.auth.platform}`,
        VERIFY_USAGE,
      );
    const connector = options.source
      ? cliConnector(options.source, logger)
      : noSource(migration.source_platform);
    const intercom = cliIntercom(options, logger);
    const links = attachmentLinkSigner({
      publicUrl: config.publicUrl,
      secret: randomBytes(32).toString('base64'),
    });
    const ctx: StageContext = {
      deps: {
        db: db.knex,
        logger,
        connectorFor: async () => connector,
        intercomFor: async () => intercom,
        links,
      },
      db: db.knex,
      logger,
      run,
      migration,
      platform: migration.source_platform,
      settings: settingsOf(migration),
      connector,
      intercom,
      signal: stop.signal,
      write: { db: db.knex, runId: run.id },
      shouldStop: () => stop.signal.aborted,
    };
    const staged = await hasStaging(ctx);
    if (!staged && !options.source)
      throw new UsageError(
        `Run ${run.id} ended and its staged records are gone: give the source credentials (--from …) to read them again`,
        VERIFY_USAGE,
      );
    let finished: boolean;
    try {
      if (!staged) say(`Reading the run's records again from ${migration.source_platform}…`);
      if (!staged) await restageFromSource(ctx);
      say(`Verifying run ${run.id} against Intercom…`);
      await resetVerification(db.knex, run.id);
      finished = await runVerifyStage(ctx);
    } finally {
      if (!staged) await clearStaging(db.knex, run.id);
    }
    if (!finished) {
      say('Stopped before every record was verified.');
      return EXIT.paused;
    }
    const written = await writeReports(db.knex, run.id, options.dir);
    const total = written.verification?.total ?? { checked: 0, matched: 0, mismatched: 0, unverifiable: 0 };
    process.stdout.write(
      `Verified run ${run.id}: ${total.matched} matched · ${total.mismatched} mismatched · ${total.unverifiable} not verifiable (reports in ${written.dir})\n`,
    );
    return total.mismatched > 0 ? EXIT.mismatch : EXIT.finished;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await db.stop();
  }
}
