// The `ferry` command line: serve, worker, db migrate, migrate, report, verify and rollback (the last four live
// in cli/).
import { parseArgs } from 'node:util';
import { followCommand } from './cli/follow.js';
import { migrateCommand } from './cli/migrate.js';
import { reportCommand } from './cli/report.js';
import { rollbackCommand } from './cli/rollback.js';
import { verifyCommand } from './cli/verify.js';
import { startDatabase } from './db/database.js';
import { migrateLatest } from './db/migrate.js';
import { installSchema } from './jobs/runner/index.js';
import { createLogger } from './logger.js';
import { loadConfigOrExit, main } from './main.js';

const USAGE = `Usage: ferry <command>

Commands:
  serve [--no-worker]   web server (and job worker unless --no-worker)
  worker                job worker only
  db migrate            apply database migrations
  migrate --from …      move a help desk into Intercom (ferry migrate --help)
  report --migration …  write the reports of a run (ferry report --help)
  verify --migration …  read a run's records back from Intercom and compare (ferry verify --help)
  follow --stop …       cutover of a migration following its source (the migrate arguments)
  rollback --migration …  delete from Intercom what Ferry created (ferry rollback --help)
  help                  this text
`;

export async function runCli(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { 'no-worker': { type: 'boolean' } },
        strict: true,
      });
      return main({ web: true, worker: !values['no-worker'] });
    }
    case 'worker':
      parseArgs({ args: rest, options: {}, strict: true });
      return main({ web: false, worker: true });
    case 'db': {
      if (rest[0] !== 'migrate') return usage(`unknown db command: ${rest[0] ?? '(none)'}`);
      const config = loadConfigOrExit();
      const logger = createLogger(config);
      const db = await startDatabase(config, logger);
      try {
        const applied = await migrateLatest(db.knex);
        await installSchema(db.url, logger);
        process.stdout.write(
          applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n',
        );
      } finally {
        await db.stop();
      }
      return;
    }
    case 'follow':
    case 'migrate':
    case 'report':
    case 'verify':
    case 'rollback': {
      const config = loadConfigOrExit();
      const run = {
        follow: followCommand,
        migrate: migrateCommand,
        report: reportCommand,
        rollback: rollbackCommand,
        verify: verifyCommand,
      }[command];
      // Exit explicitly: the run's connections and timers must not keep the process alive.
      return process.exit(await run(rest, config));
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return;
    default:
      return usage(command ? `unknown command: ${command}` : 'no command given');
  }
}

function usage(problem: string): void {
  process.stderr.write(`ferry: ${problem}\n\n${USAGE}`);
  process.exitCode = 2;
}

runCli(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
    usage(err.message);
    return;
  }
  process.stderr.write(`ferry: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
