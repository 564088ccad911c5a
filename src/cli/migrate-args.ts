// `ferry migrate` arguments: parsed with node:util parseArgs, completed from the environment (config.ts),
// checked for combinations parseArgs cannot express. Anything wrong is a UsageError (exit 2).
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.js';
import { platformSchema, type Platform } from '../model/canonical.js';
import { entitySchema, type MigratedEntity } from '../settings/settings.js';
import type { RunKind } from '../engine/run-state.js';
import { CONNECTION_FLAGS, strictArgs, type Fail } from './args.js';
import { MIGRATE_USAGE, UsageError } from './usage.js';

export type SourceAuth =
  { platform: 'zendesk'; email: string; token: string } | { platform: 'freshdesk'; apiKey: string };

export interface MigrateOptions {
  platform: Platform;
  fromUrl: string;
  auth: SourceAuth;
  /** undefined: Intercom's own (US) host. */
  toUrl: string | undefined;
  toToken: string;
  kind: RunKind;
  /** undefined: derived from the two URLs. */
  migration: string | undefined;
  /** The parsed JSON of --settings FILE, when given. */
  settings: unknown;
  entities: MigratedEntity[] | undefined;
  target: 'tickets' | 'conversations' | undefined;
  reportDir: string | undefined;
  /** --follow: after the run, follow the source's changes until Ctrl-C (live catch-up). */
  follow: boolean;
}

const fail = (message: string): never => {
  throw new UsageError(message, MIGRATE_USAGE);
};

type CredentialFlags = Partial<
  Record<'from-email' | 'from-token' | 'from-key' | 'to-url' | 'to-token', string>
>;

/** The source's credentials from the flags or the environment (`ferry migrate` and `ferry verify`). */
export function sourceAuth(
  from: Platform,
  values: CredentialFlags,
  config: Pick<Config, 'cli'>,
  fail: Fail,
): SourceAuth {
  if (from === 'zendesk') {
    if (values['from-key']) fail('--from-key is for Freshdesk; Zendesk takes --from-email and --from-token');
    const email = values['from-email'] ?? config.cli.zendeskEmail;
    const token = values['from-token'] ?? config.cli.zendeskApiToken;
    if (!email || !token)
      fail('Zendesk needs --from-email and --from-token (or ZENDESK_EMAIL and ZENDESK_API_TOKEN)');
    return { platform: 'zendesk', email: email!, token: token! };
  }
  if (values['from-email'] || values['from-token'])
    fail('--from-email and --from-token are for Zendesk; Freshdesk takes --from-key');
  const apiKey = values['from-key'] ?? config.cli.freshdeskApiKey;
  if (!apiKey) fail('Freshdesk needs --from-key (or FRESHDESK_API_KEY)');
  return { platform: 'freshdesk', apiKey: apiKey! };
}

/** Intercom's token and URL from the flags or the environment. */
export function intercomTarget(
  values: CredentialFlags,
  config: Pick<Config, 'intercom'>,
  fail: Fail,
): { toUrl: string | undefined; toToken: string } {
  const toToken = values['to-token'] ?? config.intercom.accessToken;
  if (!toToken) fail('Intercom needs --to-token (or INTERCOM_ACCESS_TOKEN)');
  const toUrlRaw = values['to-url'] ?? config.intercom.apiUrl;
  return {
    toToken: toToken!,
    toUrl: toUrlRaw === undefined ? undefined : httpUrl('--to-url', toUrlRaw, fail),
  };
}

export function httpUrl(flag: string, value: string, failWith: Fail = fail): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  return failWith(`${flag} must be an http:// or https:// URL, not "${value}"`);
}

export async function parseMigrateArgs(
  argv: string[],
  config: Pick<Config, 'cli' | 'intercom'>,
): Promise<MigrateOptions> {
  const values = strictArgs(
    argv,
    {
      ...CONNECTION_FLAGS,
      demo: { type: 'boolean' },
      delta: { type: 'boolean' },
      migration: { type: 'string' },
      settings: { type: 'string' },
      entities: { type: 'string' },
      target: { type: 'string' },
      report: { type: 'string' },
      follow: { type: 'boolean' },
    },
    fail,
  );
  const platform = platformSchema.safeParse(values.from);
  if (!platform.success)
    fail(values.from ? `--from must be zendesk or freshdesk, not "${values.from}"` : '--from is required');
  const from = platform.data!;
  if (!values['from-url']) fail('--from-url is required');
  const fromUrl = httpUrl('--from-url', values['from-url']!);
  if (values.demo && values.delta) fail('--demo and --delta cannot be combined');
  if (values.demo && values.follow) fail('--follow continues a full migration or a delta, not a demo');

  const auth = sourceAuth(from, values, config, fail);
  const { toUrl, toToken } = intercomTarget(values, config, fail);

  let entities: MigratedEntity[] | undefined;
  if (values.entities !== undefined) {
    const list = values.entities
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad = list.find((e) => !entitySchema.safeParse(e).success);
    if (bad !== undefined || list.length === 0)
      fail(`--entities takes a comma-separated list of ${entitySchema.options.join(', ')}`);
    entities = list as MigratedEntity[];
  }
  const target = values.target;
  if (target !== undefined && target !== 'tickets' && target !== 'conversations')
    fail(`--target must be tickets or conversations, not "${target}"`);
  if (values.migration !== undefined && values.migration.trim() === '') fail('--migration needs a name');

  return {
    platform: from,
    fromUrl,
    auth,
    toUrl,
    toToken,
    kind: values.demo ? 'demo' : values.delta ? 'delta' : 'full',
    migration: values.migration?.trim(),
    settings: values.settings === undefined ? undefined : await readSettingsFile(values.settings),
    entities,
    target: target as MigrateOptions['target'],
    reportDir: values.report,
    follow: values.follow ?? false,
  };
}

async function readSettingsFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return fail(
      `--settings: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(
      `--settings: ${file} is not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** "zendesk acme.zendesk.com → api.intercom.io": what a rerun of the same command line continues. */
export function defaultMigrationName(platform: Platform, fromUrl: string, toUrl: string): string {
  return `${platform} ${new URL(fromUrl).host} → ${new URL(toUrl).host}`;
}
