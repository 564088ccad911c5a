// The console's session: the canvas's signed 15-minute link (console-link.ts) is exchanged once for an
// httpOnly cookie holding a JWT of its own audience, so the link's token never stays in the address bar,
// history or Referer. The session is as scoped as the link: one workspace, one admin.
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { verifyConsoleToken, type ConsoleClaims } from '../console-link.js';

const SESSION_AUDIENCE = 'ferry:console-session';
export const SESSION_COOKIE = 'ferry_console';
export const SESSION_TTL_SECONDS = 2 * 60 * 60;

const claimsSchema = z.object({
  workspaceId: z.string().min(1),
  adminId: z.string().min(1),
  locale: z.string().optional(),
});

/** The link's token for a session token; throws InputError (→ the 401 page) when expired or altered. */
export function exchangeLinkToken(
  secret: string,
  linkToken: unknown,
): { session: string; claims: ConsoleClaims } {
  const claims = verifyConsoleToken(secret, linkToken);
  const { workspaceId, adminId, locale } = claims;
  const session = jwt.sign({ workspaceId, adminId, ...(locale ? { locale } : {}) }, secret, {
    algorithm: 'HS256',
    audience: SESSION_AUDIENCE,
    expiresIn: SESSION_TTL_SECONDS,
  });
  return { session, claims };
}

/** The session's claims, or null when there is none or it is expired or altered. */
export function readSession(secret: string, session: unknown): ConsoleClaims | null {
  if (typeof session !== 'string' || session === '') return null;
  try {
    return claimsSchema.parse(
      jwt.verify(session, secret, { algorithms: ['HS256'], audience: SESSION_AUDIENCE }),
    );
  } catch {
    return null;
  }
}

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: string;
  maxAge: number;
}

/** httpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, sent only to /console. */
export function sessionCookieOptions(publicUrl: string): CookieOptions {
  const url = new URL(publicUrl);
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    path: `${url.pathname.replace(/\/+$/, '')}/console`,
    maxAge: SESSION_TTL_SECONDS * 1000,
  };
}
