// `ferry verify` arguments. The source credentials are optional: they are needed only when the run's staged
// records are gone (the run ended) and must be read again from the source.
import type { Config } from '../config.js';
import { platformSchema } from '../model/canonical.js';
import { CONNECTION_FLAGS, migrationAndRun, strictArgs } from './args.js';
import { httpUrl, intercomTarget, sourceAuth, type SourceAuth } from './migrate-args.js';
import { UsageError, VERIFY_USAGE } from './usage.js';

export interface VerifyOptions {
  migration: string;
  run: string | undefined;
  /** Null when no --from was given. */
  source: { auth: SourceAuth; fromUrl: string } | null;
  toUrl: string | undefined;
  toToken: string;
  dir: string;
}

const fail = (message: string): never => {
  throw new UsageError(message, VERIFY_USAGE);
};

export function parseVerifyArgs(argv: string[], config: Pick<Config, 'cli' | 'intercom'>): VerifyOptions {
  const values = strictArgs(
    argv,
    {
      migration: { type: 'string' },
      run: { type: 'string' },
      report: { type: 'string' },
      ...CONNECTION_FLAGS,
    },
    fail,
  );
  const { migration, run } = migrationAndRun(values, fail);
  if (!values.report) fail('--report DIR is required');
  let source: VerifyOptions['source'] = null;
  if (values.from !== undefined) {
    const platform = platformSchema.safeParse(values.from);
    if (!platform.success) fail(`--from must be zendesk or freshdesk, not "${values.from}"`);
    if (!values['from-url']) fail('--from-url is required with --from');
    source = {
      auth: sourceAuth(platform.data!, values, config, fail),
      fromUrl: httpUrl('--from-url', values['from-url']!, fail),
    };
  }
  const { toUrl, toToken } = intercomTarget(values, config, fail);
  return {
    migration,
    run,
    source,
    toUrl,
    toToken,
    dir: values.report!,
  };
}
