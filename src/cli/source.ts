// The source connector and the Intercom client of a `ferry migrate` command line. The CLI is a caller that
// may use arbitrary base URLs (ConnectorContext.allowCustomBaseUrl), and loopback addresses when the source
// itself is on loopback (an emulator or a tunnel on this machine).
import type { Logger } from '../logger.js';
import { createIntercomClient, type IntercomClient } from '../intercom/index.js';
import type { SourceConnector } from '../sources/connector.js';
import { createFreshdeskConnector } from '../sources/freshdesk/connector.js';
import { createZendeskConnector } from '../sources/zendesk/index.js';
import type { MigrateOptions } from './migrate-args.js';

export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export function cliConnector(
  options: Pick<MigrateOptions, 'auth' | 'fromUrl'>,
  logger: Logger,
): SourceConnector {
  const ctx = { logger, allowCustomBaseUrl: true, allowPrivateAddresses: isLoopback(options.fromUrl) };
  const auth = options.auth;
  return auth.platform === 'zendesk'
    ? createZendeskConnector(
        { baseUrl: options.fromUrl, auth: { kind: 'token', email: auth.email, token: auth.token } },
        ctx,
      )
    : createFreshdeskConnector({ baseUrl: options.fromUrl, apiKey: auth.apiKey }, ctx);
}

export function cliIntercom(
  options: Pick<MigrateOptions, 'toUrl' | 'toToken'>,
  logger: Logger,
): IntercomClient {
  return createIntercomClient({
    accessToken: options.toToken,
    ...(options.toUrl ? { baseUrl: options.toUrl } : {}),
    logger,
  });
}
