// Intercom's request signatures, checked over the exact bytes received (STYLE.md §8), in constant time, and
// failing closed: no secret configured means nothing verifies.
// - Canvas Kit (and the uninstall call): X-Body-Signature = hex HMAC-SHA256 of the raw body, keyed with the
//   app's client secret (DESIGN.md, issue 3).
// - Webhooks: X-Hub-Signature = "sha1=" + hex HMAC-SHA1 of the raw body, keyed with the client secret
//   (issue 3; the 40-hex sha1 digest as Intercom's webhook senders document it).
import { createHmac, timingSafeEqual } from 'node:crypto';

type Body = Buffer | string;

export function signBody(raw: Body, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

export function signHub(raw: Body, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;
}

function sameHex(expectedHex: string, givenHex: string): boolean {
  if (!/^[0-9a-fA-F]+$/.test(givenHex) || givenHex.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex, 'hex'));
}

export function verifyBodySignature(
  raw: Body,
  header: string | undefined,
  secret: string | undefined,
): boolean {
  if (!secret || !header) return false;
  return sameHex(signBody(raw, secret), header.trim());
}

export function verifyHubSignature(
  raw: Body,
  header: string | undefined,
  secret: string | undefined,
): boolean {
  if (!secret || !header) return false;
  const given = header.trim();
  if (!given.startsWith('sha1=')) return false;
  return sameHex(signHub(raw, secret).slice(5), given.slice(5));
}
