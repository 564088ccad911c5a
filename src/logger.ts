// pino logger: pretty in development, JSON otherwise; secrets redacted wherever they appear, and errors
// logged through one whitelisting serializer (log-errors.ts).
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { serializeError, serializeErrorsIn } from './log-errors.js';

export type { Logger };

// Paths pino redacts, at any depth we log at (wildcards cover nested objects one level down).
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'password',
  'token',
  'accessToken',
  'access_token',
  'apiToken',
  'api_token',
  'apiKey',
  'api_key',
  'secret',
  'clientSecret',
  'client_secret',
  'credentials',
  'cookie',
  'Cookie',
  'set-cookie',
  'encryptionKey',
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => [
  k,
  `*.${k}`,
  `*.*.${k}`,
  `headers.${k}`,
  `req.headers.${k}`,
  `config.headers.${k}`,
  `err.config.headers.${k}`,
]);

export function createLogger(
  config: Pick<Config, 'logLevel' | 'nodeEnv'>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Errors, under `err`, `error` or any other key, keep only a whitelist of fields (log-errors.ts).
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: serializeErrorsIn },
    base: { app: 'ferry' },
  };
  if (destination) return pino(options, destination);
  if (config.nodeEnv === 'development' && process.stdout.isTTY) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } },
    });
  }
  return pino(options, pino.destination(2));
}
