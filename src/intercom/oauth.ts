// Pure helpers of Intercom's OAuth install: the authorize URL by region and a signed, expiring `state`
// (CSRF protection; it also carries the region the admin chose, so the callback knows where to go back).
// Intercom: "sending them to https://app.intercom.com/oauth with client_id, state, redirect_uri"
// (developers.intercom.com, Setting up OAuth / Using OAuth). Regional app hosts app.eu.intercom.com and
// app.au.intercom.com (the region's Intercom URL, as Intercom's regional hosting pages give it).
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { InputError } from '../errors.js';
import type { IntercomRegion as Region } from './regions.js';

export type { Region };

const REGIONS = ['us', 'eu', 'au'] as const satisfies readonly Region[];

const APP_HOSTS: Record<Region, string> = {
  us: 'https://app.intercom.com',
  eu: 'https://app.eu.intercom.com',
  au: 'https://app.au.intercom.com',
};

export interface AuthorizeUrlInput {
  clientId: string;
  redirectUri: string;
  state: string;
  region: Region;
  /** INTERCOM_APP_URL: the emulator in the sandbox and tests. */
  appUrl?: string;
}

export function authorizeUrl(input: AuthorizeUrlInput): string {
  const url = new URL('/oauth', input.appUrl ?? APP_HOSTS[input.region]);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.toString();
}

const STATE_AUDIENCE = 'ferry:oauth-state';
export const STATE_TTL_SECONDS = 10 * 60;
const stateClaims = z.object({ region: z.enum(REGIONS), nonce: z.string() });

/** A fresh nonce: the state carries it, and so does a cookie in the browser that started the install. */
export const newStateNonce = (): string => randomBytes(16).toString('base64url');

export function signState(
  secret: string,
  region: Region,
  ttlSeconds = STATE_TTL_SECONDS,
  nonce = newStateNonce(),
): string {
  return jwt.sign({ region, nonce }, secret, {
    algorithm: 'HS256',
    audience: STATE_AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export interface StateClaims {
  region: Region;
  nonce: string;
  expiresAt: Date;
}

/** The region the install started with; InputError when the state is missing, tampered or expired. */
export function verifyState(secret: string, state: unknown): Region {
  return readState(secret, state).region;
}

/** The state's region, nonce and expiry; InputError when it is missing, tampered or expired. */
export function readState(secret: string, state: unknown): StateClaims {
  if (typeof state !== 'string' || state === '')
    throw new InputError('The install link has no state.', 'state');
  try {
    const claims = stateClaims
      .extend({ exp: z.number() })
      .parse(jwt.verify(state, secret, { algorithms: ['HS256'], audience: STATE_AUDIENCE }));
    return { region: claims.region, nonce: claims.nonce, expiresAt: new Date(claims.exp * 1000) };
  } catch (err) {
    const expired = err instanceof jwt.TokenExpiredError;
    throw new InputError(
      expired
        ? 'This install link has expired. Start the install again from Intercom.'
        : 'This install link is not valid. Start the install again from Intercom.',
      'state',
    );
  }
}
