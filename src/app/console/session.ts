// The console's session: the canvas's signed 15-minute link (console-link.ts) is exchanged once for an
// httpOnly cookie holding a JWT of its own audience, so the link's token never stays in the address bar,
// history or Referer. A link works once: its id is recorded by the same statement that decides the exchange.
// The session is as scoped as the link (one workspace, one admin), and every form it posts carries a token
// derived from it (CSRF).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Knex } from 'knex';
import { z } from 'zod';
import { useOnce } from '../../db/repositories/used-tokens.js';
import { readConsoleLink, type ConsoleClaims } from '../console-link.js';

const SESSION_AUDIENCE = 'ferry:console-session';
export const SESSION_COOKIE = 'ferry_console';
export const SESSION_TTL_SECONDS = 2 * 60 * 60;

const claimsSchema = z.object({
  workspaceId: z.string().min(1),
  adminId: z.string().min(1),
  locale: z.string().optional(),
});

export const LINK_ALREADY_USED =
  'This console link was already used. Open Ferry from Intercom again for a new one.';

export type Redeemed = { session: string; claims: ConsoleClaims } | { alreadyUsed: ConsoleClaims };

/**
 * The link's token for a session token, once (a second use says whose link it was); throws InputError
 * (→ the 401 page) when expired or altered.
 */
export async function redeemLink(db: Knex, secret: string, linkToken: unknown): Promise<Redeemed> {
  const link = readConsoleLink(secret, linkToken);
  if (!(await useOnce(db, 'console-link', link.jti, link.expiresAt))) return { alreadyUsed: link.claims };
  const { workspaceId, adminId, locale } = link.claims;
  const sid = randomBytes(12).toString('base64url');
  const session = jwt.sign({ workspaceId, adminId, sid, ...(locale ? { locale } : {}) }, secret, {
    algorithm: 'HS256',
    audience: SESSION_AUDIENCE,
    expiresIn: SESSION_TTL_SECONDS,
  });
  return { session, claims: link.claims };
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

/** The session's form token: every console form carries it, and a POST without it is refused. */
export function csrfToken(secret: string, session: string): string {
  return createHmac('sha256', secret).update(`ferry:console-csrf:${session}`).digest('base64url');
}

export function csrfTokenMatches(secret: string, session: string, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(csrfToken(secret, session));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
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
