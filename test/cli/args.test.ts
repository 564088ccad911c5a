// The argument rules every CLI subcommand shares (src/cli/args.ts), through the parsers that use them.
import { describe, expect, it } from 'vitest';
import { parseRollbackArgs } from '../../src/cli/rollback-args.js';
import { parseVerifyArgs } from '../../src/cli/verify-args.js';
import { parseReportArgs } from '../../src/cli/report.js';
import { REPORT_USAGE, ROLLBACK_USAGE, UsageError, VERIFY_USAGE } from '../../src/cli/usage.js';

const config = {
  cli: {},
  intercom: {
    clientId: undefined,
    clientSecret: undefined,
    apiUrl: 'http://127.0.0.1:9',
    appUrl: undefined,
    accessToken: 'it',
  },
};

/** The usage error `parse` throws: its message and the usage text shown with it. */
function refusal(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('the arguments were accepted');
}

describe('CLI arguments every subcommand shares', () => {
  it('when a flag is unknown, then each subcommand refuses it with its own usage', () => {
    const cases = [
      [() => parseRollbackArgs(['--migration', 'm', '--force'], config), ROLLBACK_USAGE],
      [() => parseVerifyArgs(['--migration', 'm', '--report', 'r', '--force'], config), VERIFY_USAGE],
      [() => parseReportArgs(['--migration', 'm', '--report', 'r', '--force']), REPORT_USAGE],
    ] as const;
    for (const [parse, usage] of cases) {
      const error = refusal(parse);
      expect(error.message).toMatch(/--force/);
      expect(error.usage).toBe(usage);
    }
  });

  it('when --migration is blank or --run is not a run id, then the subcommand says which', () => {
    expect(refusal(() => parseRollbackArgs(['--migration', '  '], config)).message).toBe(
      '--migration is required',
    );
    expect(refusal(() => parseReportArgs(['--migration', 'm', '--run', '7', '--report', 'r'])).message).toBe(
      '--run takes a run id (a UUID)',
    );
  });

  it('when the arguments are whole, then the migration name is trimmed and the run kept', () => {
    const run = '0b6f1e8e-6c1a-4c35-9a47-3d1c8f0a2b11';
    expect(parseVerifyArgs(['--migration', ' acme ', '--run', run, '--report', 'out'], config)).toMatchObject(
      {
        migration: 'acme',
        run,
        dir: 'out',
        toToken: 'it',
      },
    );
  });
});
