// `ferry rollback` arguments: the migration, optionally one run, the confirmation, the report folder and
// Intercom's credentials (as for `ferry verify`).
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { intercomTarget } from './migrate-args.js';
import { errorMessage } from './output.js';
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
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        migration: { type: 'string' },
        run: { type: 'string' },
        yes: { type: 'boolean' },
        report: { type: 'string' },
        'to-url': { type: 'string' },
        'to-token': { type: 'string' },
      },
    }));
  } catch (error) {
    return fail(errorMessage(error));
  }
  if (!values.migration?.trim()) fail('--migration is required');
  if (values.run !== undefined && !/^[0-9a-f-]{36}$/i.test(values.run)) fail('--run takes a run id (a UUID)');
  const { toUrl, toToken } = intercomTarget(values, config, fail);
  return {
    migration: values.migration!.trim(),
    run: values.run,
    yes: values.yes === true,
    dir: values.report,
    toUrl,
    toToken,
  };
}
