// The one place Ferry reads its environment. Every variable is parsed by zod; an invalid value stops Ferry
// with exit code 1 and one line naming the variable and what is wrong with it (see main.ts / cli.ts).
import path from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))
  .pipe(httpUrl.optional());

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const encryptionKey = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
    message: 'must be a base64-encoded 32-byte key (try: openssl rand -base64 32)',
  });

const databaseUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
  .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// connection string',
  });

// FERRY_RATE_LIMITS: "group=n,group=n" (requests a minute per address), overriding src/http/rate-limit.ts.
export const RATE_LIMIT_GROUPS = [
  'uninstall',
  'oauth',
  'console',
  'intercom',
  'files',
  'health',
  'other',
] as const;
export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];
const rateLimits = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const out: Partial<Record<RateLimitGroup, number>> = {};
    for (const part of (v ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, n] = part.split('=').map((x) => x.trim());
      const group = RATE_LIMIT_GROUPS.find((g) => g === name);
      if (!group || !/^\d+$/.test(n ?? '') || Number(n) < 1) {
        ctx.addIssue({
          code: 'custom',
          message: `must be group=n pairs (groups: ${RATE_LIMIT_GROUPS.join(', ')}; n at least 1), not "${part}"`,
        });
        return z.NEVER;
      }
      out[group] = Number(n);
    }
    return out;
  });

export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .optional(),
  PORT: port.default(3000),
  DATABASE_URL: databaseUrl,
  FERRY_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./.ferry'),
  PUBLIC_URL: optionalUrl,
  INTERCOM_CLIENT_ID: optionalString,
  INTERCOM_CLIENT_SECRET: optionalString,
  INTERCOM_API_URL: optionalUrl,
  INTERCOM_APP_URL: optionalUrl,
  FERRY_SUPPORT_MESSENGER_APP_ID: optionalString,
  FERRY_SUPPORT_MESSENGER_SECRET: optionalString,
  ZENDESK_EMAIL: optionalString,
  ZENDESK_API_TOKEN: optionalString,
  FRESHDESK_API_KEY: optionalString,
  INTERCOM_ACCESS_TOKEN: optionalString,
  FERRY_ENCRYPTION_KEY: encryptionKey,
  FERRY_WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .default(4),
  // Intercom's search index lags writes by seconds to minutes: a pending write that only search can find is
  // not concluded absent before it has been pending this long.
  FERRY_SEARCH_SETTLE_S: z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(3600, 'must be at most 3600')
    .default(180),
  // A stage job that has worked this long checkpoints and queues itself again behind the jobs that waited,
  // so one long migration never holds a worker slot others wait on (0: never).
  FERRY_STAGE_SLICE_S: z.coerce
    .number({ error: 'must be a number' })
    .min(0, 'must be at least 0')
    .max(86_400, 'must be at most 86400')
    .default(60),
  FERRY_RATE_LIMITS: rateLimits,
  // Retention: a migration's source data is wiped this many days after its last full or delta run completed.
  FERRY_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365')
    .default(5),
  // An uninstalled workspace's data is wiped this long after the uninstall, unless Ferry is installed again.
  FERRY_UNINSTALL_GRACE_HOURS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number of hours')
    .min(0, 'must be at least 0')
    .max(720, 'must be at most 720')
    .default(48),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  production: boolean;
  logLevel: NonNullable<Env['LOG_LEVEL']>;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  intercom: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    apiUrl: string | undefined;
    appUrl: string | undefined;
    accessToken: string | undefined;
  };
  supportMessenger: { appId: string; secret: string } | undefined;
  cli: { zendeskEmail?: string; zendeskApiToken?: string; freshdeskApiKey?: string };
  encryptionKey: string | undefined;
  workerConcurrency: number;
  /** FERRY_SEARCH_SETTLE_S in ms. */
  searchSettleMs: number;
  /** FERRY_STAGE_SLICE_S in ms; undefined: stage jobs never yield their slot. */
  stageSliceMs: number | undefined;
  /** Per-address requests a minute, by endpoint group, where FERRY_RATE_LIMITS overrides the default. */
  rateLimits: Partial<Record<RateLimitGroup, number>>;
  /** FERRY_RETENTION_DAYS and FERRY_UNINSTALL_GRACE_HOURS. */
  retention: { days: number; uninstallGraceHours: number };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, issue.message);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;

  if (production) {
    if (!e.DATABASE_URL)
      throw new ConfigError(
        'DATABASE_URL',
        'is required when NODE_ENV=production (the embedded database is for development only)',
      );
    if (!e.PUBLIC_URL || !publicUrl.startsWith('https://'))
      throw new ConfigError(
        'PUBLIC_URL',
        'must be an https:// URL when NODE_ENV=production (Intercom only calls https)',
      );
    if (!e.INTERCOM_CLIENT_ID)
      throw new ConfigError('INTERCOM_CLIENT_ID', 'is required when NODE_ENV=production');
    if (!e.INTERCOM_CLIENT_SECRET)
      throw new ConfigError('INTERCOM_CLIENT_SECRET', 'is required when NODE_ENV=production');
    if (!e.FERRY_ENCRYPTION_KEY)
      throw new ConfigError('FERRY_ENCRYPTION_KEY', 'is required when NODE_ENV=production');
  }
  if (Boolean(e.FERRY_SUPPORT_MESSENGER_APP_ID) !== Boolean(e.FERRY_SUPPORT_MESSENGER_SECRET)) {
    const missing = e.FERRY_SUPPORT_MESSENGER_APP_ID
      ? 'FERRY_SUPPORT_MESSENGER_SECRET'
      : 'FERRY_SUPPORT_MESSENGER_APP_ID';
    throw new ConfigError(missing, 'must be set together with the other FERRY_SUPPORT_MESSENGER_* variable');
  }

  return {
    nodeEnv: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.FERRY_DATA_DIR),
    publicUrl,
    intercom: {
      clientId: e.INTERCOM_CLIENT_ID,
      clientSecret: e.INTERCOM_CLIENT_SECRET,
      apiUrl: e.INTERCOM_API_URL,
      appUrl: e.INTERCOM_APP_URL,
      accessToken: e.INTERCOM_ACCESS_TOKEN,
    },
    supportMessenger:
      e.FERRY_SUPPORT_MESSENGER_APP_ID && e.FERRY_SUPPORT_MESSENGER_SECRET
        ? { appId: e.FERRY_SUPPORT_MESSENGER_APP_ID, secret: e.FERRY_SUPPORT_MESSENGER_SECRET }
        : undefined,
    cli: {
      ...(e.ZENDESK_EMAIL ? { zendeskEmail: e.ZENDESK_EMAIL } : {}),
      ...(e.ZENDESK_API_TOKEN ? { zendeskApiToken: e.ZENDESK_API_TOKEN } : {}),
      ...(e.FRESHDESK_API_KEY ? { freshdeskApiKey: e.FRESHDESK_API_KEY } : {}),
    },
    encryptionKey: e.FERRY_ENCRYPTION_KEY,
    workerConcurrency: e.FERRY_WORKER_CONCURRENCY,
    searchSettleMs: Math.round(e.FERRY_SEARCH_SETTLE_S * 1000),
    stageSliceMs: e.FERRY_STAGE_SLICE_S > 0 ? Math.round(e.FERRY_STAGE_SLICE_S * 1000) : undefined,
    rateLimits: e.FERRY_RATE_LIMITS,
    retention: { days: e.FERRY_RETENTION_DAYS, uninstallGraceHours: e.FERRY_UNINSTALL_GRACE_HOURS },
  };
}

/** Sandbox mode: no Intercom app configured, so Ferry serves its emulators and local Inbox preview. */
export function isSandbox(config: Config): boolean {
  return !config.production && !config.intercom.clientId;
}
