// `ferry rollback` arguments: the migration, optionally one run, the confirmation, the report folder and
// Intercom's credentials (as for `ferry verify`).
import type { Config } from '../config.js';
import { migrationAndRun, strictArgs } from './args.js';
import { intercomTarget } from './migrate-args.js';
import { ROLLBACK_USAGE, UsageError } from './usage.js';

export interface RollbackOptions {
  migration: string;
  run: string | undefined;
  yes: boolean;
  dir: string | undefined;
  toUrl: string | undefined;
  toToken: string;
}

const fail = (message: string): never => {
  throw new UsageError(message, ROLLBACK_USAGE);
};

export function parseRollbackArgs(argv: string[], config: Pick<Config, 'intercom'>): RollbackOptions {
  const values = strictArgs(
    argv,
    {
      migration: { type: 'string' },
      run: { type: 'string' },
      yes: { type: 'boolean' },
      report: { type: 'string' },
      'to-url': { type: 'string' },
      'to-token': { type: 'string' },
    },
    fail,
  );
  const { migration, run } = migrationAndRun(values, fail);
  const { toUrl, toToken } = intercomTarget(values, config, fail);
  return {
    migration,
    run,
    yes: values.yes === true,
    dir: values.report,
    toUrl,
    toToken,
  };
}
