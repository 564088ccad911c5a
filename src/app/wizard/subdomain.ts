// The subdomain field of the connect screen: empty, with a dot (acme.zendesk.com) or with a slash
// (https://acme.zendesk.com/) gets a message that says what to type instead; nothing is saved.
import type { Notice, PlatformId } from '../../../canvas/screens/index.js';

const HOSTS: Record<PlatformId, string> = { zendesk: 'zendesk.com', freshdesk: 'freshdesk.com' };
// The connectors' own rule (src/sources/zendesk/options.ts, src/sources/freshdesk/connector.ts).
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function checkSubdomain(
  platform: PlatformId,
  raw: unknown,
): { ok: true; subdomain: string } | { ok: false; error: Notice } {
  const value = typeof raw === 'string' ? raw.trim() : '';
  const host = HOSTS[platform];
  const fail = (key: Notice['key']) => ({
    ok: false as const,
    error: { key, params: { host }, error: true },
  });
  if (value === '') return fail('connect.error.subdomain_empty');
  if (value.includes('/')) return fail('connect.error.subdomain_slash');
  if (value.includes('.')) return fail('connect.error.subdomain_dot');
  if (!SUBDOMAIN.test(value)) return fail('connect.error.subdomain_chars');
  return { ok: true, subdomain: value.toLowerCase() };
}
