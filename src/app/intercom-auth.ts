// The IntercomAuthPort on Ferry's real Intercom client: the OAuth code exchange and GET /me, with a 401 told
// apart (the uninstall proof) from every other failure (which stays an error).
import { ConfigurationError } from '../errors.js';
import {
  IntercomUnauthorizedError,
  createIntercomClient,
  exchangeOAuthCode,
  parseRegion,
} from '../intercom/index.js';
import type { Logger } from '../logger.js';
import type { IntercomAuthPort } from './ports.js';

export interface IntercomAuthOptions {
  clientId: string;
  clientSecret: string;
  /** INTERCOM_API_URL (the emulator), else the region's host. */
  apiUrl: string | undefined;
  logger: Logger;
}

export function intercomAuth(o: IntercomAuthOptions): IntercomAuthPort {
  const baseUrl = o.apiUrl ? { baseUrl: o.apiUrl } : {};
  return {
    async exchangeCode(code) {
      const { accessToken } = await exchangeOAuthCode({
        code,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        ...baseUrl,
      });
      return accessToken;
    },
    async me(accessToken, region) {
      const client = createIntercomClient({ accessToken, region, logger: o.logger, ...baseUrl });
      try {
        const me = await client.getMe();
        if (!me.app)
          throw new ConfigurationError(
            'Intercom’s GET /me answered without the workspace (app).',
            'intercom',
          );
        return {
          adminId: me.id,
          workspaceId: me.app.id_code,
          workspaceName: me.app.name ?? null,
          // GET /me's app.region ("US", "EU", "AU"; 2.16 `app`).
          region: parseRegion(me.app.region),
          timeZone: me.app.timezone ?? null,
        };
      } catch (err) {
        if (err instanceof IntercomUnauthorizedError) return 'unauthorized';
        throw err;
      }
    },
  };
}
