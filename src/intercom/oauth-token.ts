// Trades an OAuth authorization code for a workspace access token: POST {api}/auth/eagle/token with code,
// client_id, client_secret (developers.intercom.com … /authentication/setting-up-oauth). Not part of the
// REST description, so no rate budget; Intercom tokens do not expire and come without a refresh token.
import axios, { AxiosError } from 'axios';
import { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { intercomMessage } from './errors.js';
import { intercomBaseUrl, type IntercomRegion } from './regions.js';

const tokenResponse = z
  .looseObject({
    token: z.string().min(1).optional(),
    access_token: z.string().min(1).optional(),
    token_type: z.string().nullish(),
  })
  .refine((v) => v.token ?? v.access_token, 'no token in the answer');

export async function exchangeOAuthCode(o: {
  code: string;
  clientId: string;
  clientSecret: string;
  region?: IntercomRegion;
  baseUrl?: string;
  timeoutMs?: number;
}): Promise<{ accessToken: string }> {
  const url = `${intercomBaseUrl(o.region, o.baseUrl)}/auth/eagle/token`;
  try {
    const res = await axios.post(
      url,
      { code: o.code, client_id: o.clientId, client_secret: o.clientSecret },
      { timeout: o.timeoutMs ?? 15_000, headers: { Accept: 'application/json' } },
    );
    const parsed = tokenResponse.parse(res.data);
    return { accessToken: (parsed.token ?? parsed.access_token)! };
  } catch (err) {
    const body = err instanceof AxiosError ? err.response?.data : undefined;
    throw new ConfigurationError(
      `Intercom did not accept the installation's authorization code (${intercomMessage(body, err instanceof Error ? err.message : String(err))}). Start the installation again from Intercom.`,
      'intercom',
      { cause: err },
    );
  }
}
