import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { consoleLink, verifyConsoleToken } from '../../src/app/console-link.js';
import { authorizeUrl, signState, verifyState } from '../../src/intercom/oauth.js';
import { parseRegion } from '../../src/intercom/regions.js';
import { signBody, signHub, verifyBodySignature, verifyHubSignature } from '../../src/intercom/signature.js';

const secret = 'shh';
const raw = Buffer.from('{"workspace_id":"w1"}');

describe('X-Body-Signature', () => {
  it('when the hex HMAC-SHA256 of the raw bytes is given, then it verifies', () => {
    expect(verifyBodySignature(raw, signBody(raw, secret), secret)).toBe(true);
  });
  it('when the body, the secret or the signature differ, then it fails', () => {
    const sig = signBody(raw, secret);
    expect(verifyBodySignature(Buffer.from('{"workspace_id":"w2"}'), sig, secret)).toBe(false);
    expect(verifyBodySignature(raw, signBody(raw, 'other'), secret)).toBe(false);
    expect(verifyBodySignature(raw, sig.slice(0, -2), secret)).toBe(false);
    expect(verifyBodySignature(raw, 'zz'.repeat(32), secret)).toBe(false);
    expect(verifyBodySignature(raw, undefined, secret)).toBe(false);
  });
  it('when no secret is configured, then nothing verifies (fail closed)', () => {
    expect(verifyBodySignature(raw, signBody(raw, ''), undefined)).toBe(false);
    expect(verifyBodySignature(raw, signBody(raw, ''), '')).toBe(false);
  });
});

describe('X-Hub-Signature', () => {
  it('when sha1= plus the hex HMAC-SHA1 is given, then it verifies, and without the prefix it does not', () => {
    const sig = signHub(raw, secret);
    expect(sig).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(verifyHubSignature(raw, sig, secret)).toBe(true);
    expect(verifyHubSignature(raw, sig.slice(5), secret)).toBe(false);
    expect(verifyHubSignature(raw, sig, undefined)).toBe(false);
  });
});

describe('OAuth helpers', () => {
  it('when a region is chosen, then the authorize URL goes to that region’s Intercom app host', () => {
    const url = new URL(
      authorizeUrl({
        clientId: 'cid',
        redirectUri: 'https://f.example/oauth/callback',
        state: 's',
        region: 'eu',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://app.eu.intercom.com/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      redirect_uri: 'https://f.example/oauth/callback',
      state: 's',
    });
  });
  it('when GET /me answers region "EU" or something unknown, then it reads as eu, or us by default', () => {
    expect(parseRegion('EU')).toBe('eu');
    expect(parseRegion('AU')).toBe('au');
    expect(parseRegion('mars')).toBe('us');
  });
  it('when the state is signed, then it verifies and names its region; tampered or expired, it is refused', () => {
    const state = signState(secret, 'au');
    expect(verifyState(secret, state)).toBe('au');
    expect(() => verifyState(secret, `${state.slice(0, -3)}abc`)).toThrow(/not valid/);
    expect(() => verifyState('other', state)).toThrow(/not valid/);
    expect(() => verifyState(secret, signState(secret, 'us', -10))).toThrow(/expired/);
  });
  it('when a console token is used as an OAuth state, then it is refused (different audience)', () => {
    const url = new URL(consoleLink('https://f.example/base', secret, { workspaceId: 'w', adminId: 'a' }));
    expect(url.pathname).toBe('/base/console');
    const token = url.searchParams.get('token')!;
    expect(verifyConsoleToken(secret, token)).toEqual({ workspaceId: 'w', adminId: 'a' });
    expect(() => verifyState(secret, token)).toThrow();
    expect(
      (jwt.decode(token) as { exp: number; iat: number }).exp - (jwt.decode(token) as { iat: number }).iat,
    ).toBe(900);
  });
});
