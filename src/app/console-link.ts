// A signed, short-lived, single-use link from Intercom (install page, canvas) to Ferry's own console page.
// The console reads it with `readConsoleLink`; the token names the workspace and the admin it was made for,
// and carries an id (jti) that is recorded when the link is first used (app/console/session.ts).
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { InputError } from '../errors.js';

const CONSOLE_AUDIENCE = 'ferry:console';
export const CONSOLE_LINK_TTL_SECONDS = 15 * 60;

const claimsSchema = z.object({
  workspaceId: z.string().min(1),
  adminId: z.string().min(1),
  /** The language the canvas was shown in, so that the console opens in it too. */
  locale: z.string().optional(),
});
export type ConsoleClaims = z.infer<typeof claimsSchema>;

export function consoleLink(
  publicUrl: string,
  secret: string,
  claims: ConsoleClaims,
  ttlSeconds = CONSOLE_LINK_TTL_SECONDS,
): string {
  const token = jwt.sign(claims, secret, {
    algorithm: 'HS256',
    audience: CONSOLE_AUDIENCE,
    expiresIn: ttlSeconds,
    jwtid: randomBytes(16).toString('base64url'),
  });
  // PUBLIC_URL may carry a path prefix (config strips its trailing slash), so append rather than resolve.
  return `${publicUrl}/console?token=${encodeURIComponent(token)}`;
}

export interface ConsoleLinkToken {
  claims: ConsoleClaims;
  /** The link's id: a link is used once. */
  jti: string;
  expiresAt: Date;
}

export function readConsoleLink(secret: string, token: unknown): ConsoleLinkToken {
  if (typeof token !== 'string' || token === '')
    throw new InputError('The console link has no token.', 'token');
  try {
    const raw = claimsSchema
      .extend({ jti: z.string().min(1), exp: z.number() })
      .parse(jwt.verify(token, secret, { algorithms: ['HS256'], audience: CONSOLE_AUDIENCE }));
    return {
      claims: {
        workspaceId: raw.workspaceId,
        adminId: raw.adminId,
        ...(raw.locale ? { locale: raw.locale } : {}),
      },
      jti: raw.jti,
      expiresAt: new Date(raw.exp * 1000),
    };
  } catch {
    throw new InputError(
      'This console link is not valid or has expired. Open Ferry from Intercom again.',
      'token',
    );
  }
}

export function verifyConsoleToken(secret: string, token: unknown): ConsoleClaims {
  return readConsoleLink(secret, token).claims;
}
