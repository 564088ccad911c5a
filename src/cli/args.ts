// What the CLI's subcommands share in reading their arguments: node:util parseArgs, strict, with its
// refusals turned into the subcommand's usage error (exit 2); and the --migration / --run pair.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { errorMessage } from './output.js';

export type Fail = (message: string) => never;

/** Where to read from and write to (`ferry migrate`, `ferry verify`); each may come from the environment. */
export const CONNECTION_FLAGS = {
  from: { type: 'string' },
  'from-url': { type: 'string' },
  'from-email': { type: 'string' },
  'from-token': { type: 'string' },
  'from-key': { type: 'string' },
  'to-url': { type: 'string' },
  'to-token': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The flags' values; an unknown flag, a missing value or a positional argument is `fail`ed. */
export function strictArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  fail: Fail,
) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    return fail(errorMessage(error));
  }
}

/** --migration (required, its name trimmed) and --run (optional, a run id). */
export function migrationAndRun(
  values: { migration?: string | undefined; run?: string | undefined },
  fail: Fail,
): { migration: string; run: string | undefined } {
  const migration = values.migration?.trim();
  if (!migration) return fail('--migration is required');
  if (values.run !== undefined && !/^[0-9a-f-]{36}$/i.test(values.run)) fail('--run takes a run id (a UUID)');
  return { migration, run: values.run };
}
