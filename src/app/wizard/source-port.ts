// The SourcePort on the real connectors: opens the sealed credentials, builds the platform's connector,
// and turns its errors into the field an admin must fix. In the sandbox every subdomain is pointed at the
// built-in emulators (baseUrls); an admin's input never chooses the address Ferry calls.
import { ConfigurationError, ForbiddenError, InputError, RetryableError } from '../../errors.js';
import type { Cipher } from '../../crypto.js';
import type { Logger } from '../../logger.js';
import type { FieldDefinition } from '../../model/canonical.js';
import type { SourceBaseUrls } from '../console/source-credentials.js';
import type { SourceConnector } from '../../sources/connector.js';
import { createFreshdeskConnector } from '../../sources/freshdesk/connector.js';
import { createZendeskConnector } from '../../sources/zendesk/connector.js';
import { mappableFields } from '../../transform/matching.js';
import type {
  OrganizationDirectory,
  SourceAccess,
  SourceCatalogue,
  SourcePort,
  SourceTestResult,
} from './ports.js';
import { openSourceCredentials } from './source-credentials.js';

export interface SourcePortOptions {
  cipher: Cipher;
  logger: Logger;
  /** Sandbox and tests only: the emulator's base URL per platform (loopback addresses allowed). */
  baseUrls?: SourceBaseUrls;
}

type Failure = Extract<SourceTestResult, { ok: false }>;

/** Which field the admin fixes, from the connectors' errors (src/sources/*: ConfigurationError messages). */
export function classifySourceError(err: unknown): Failure {
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof InputError) return { ok: false, field: 'subdomain', problem: 'no_account', detail };
  if (err instanceof ForbiddenError) return { ok: false, field: 'credentials', problem: 'not_admin', detail };
  if (err instanceof ConfigurationError) {
    if (/check the subdomain/i.test(detail))
      return { ok: false, field: 'subdomain', problem: 'no_account', detail };
    if (/rejected/i.test(detail)) return { ok: false, field: 'credentials', problem: 'rejected', detail };
    if (/admin|refused|cannot read/i.test(detail))
      return { ok: false, field: 'credentials', problem: 'not_admin', detail };
  }
  if (err instanceof RetryableError || err instanceof ConfigurationError)
    return { ok: false, field: 'subdomain', problem: 'unreachable', detail };
  throw err;
}

async function readAll<T>(pages: AsyncIterable<{ records: T[] }> | undefined): Promise<T[]> {
  const out: T[] = [];
  if (pages) for await (const page of pages) out.push(...page.records);
  return out;
}

/** The source's field definitions of every scope (the mapping's list; connect counts it too). */
async function readFields(c: SourceConnector): Promise<FieldDefinition[]> {
  const s = c.streams;
  const scopes = await Promise.all([
    readAll(s.ticket_fields?.read()),
    readAll(s.contact_fields?.read()),
    readAll(s.company_fields?.read()),
  ]);
  return scopes.flat();
}

export function connectorSourcePort(o: SourcePortOptions): SourcePort {
  function open(access: SourceAccess): SourceConnector | Failure {
    const creds = access.credentialsEnc
      ? openSourceCredentials(o.cipher, access.credentialsEnc, access.migrationId)
      : null;
    if (!creds || creds.platform !== access.platform)
      return { ok: false, field: 'credentials', problem: 'missing_credentials' };
    const baseUrl = o.baseUrls?.[access.platform];
    const accounts = o.baseUrls?.accounts;
    if (baseUrl !== undefined && accounts && !accounts.includes(access.account))
      return {
        ok: false,
        field: 'subdomain',
        problem: 'no_account',
        detail: `The sandbox's sample help desk answers only at ${accounts.join(', ')}`,
      };
    const ctx = {
      logger: o.logger,
      allowCustomBaseUrl: baseUrl !== undefined,
      allowPrivateAddresses: baseUrl !== undefined,
    };
    const where = baseUrl !== undefined ? { baseUrl } : {};
    try {
      return creds.platform === 'zendesk'
        ? createZendeskConnector(
            {
              subdomain: access.account,
              ...where,
              auth: { kind: 'token', email: creds.email, token: creds.token },
            },
            ctx,
          )
        : createFreshdeskConnector({ domain: access.account, ...where, apiKey: creds.apiKey }, ctx);
    } catch (err) {
      return classifySourceError(err);
    }
  }
  /** The connector, for reads after a connection was tested (a missing secret is a configuration problem). */
  function opened(access: SourceAccess): SourceConnector {
    const c = open(access);
    if ('ok' in c)
      throw new ConfigurationError('The source credentials are missing: test the connection first', 'source');
    return c;
  }
  return {
    async test(access) {
      const c = open(access);
      if ('ok' in c) return c;
      try {
        const who = await c.checkCredentials();
        const [available, fields] = await Promise.all([c.countAvailable(), readFields(c).catch(() => null)]);
        return {
          ok: true,
          account: who.account,
          user: who.user.name || who.user.email || who.user.id,
          available: { ...available, custom_fields: fields ? mappableFields(fields).length : null },
          estimated: c.estimatedCounts ?? [],
        };
      } catch (err) {
        return classifySourceError(err);
      }
    },
    async catalogue(access): Promise<SourceCatalogue> {
      const c = opened(access);
      const [agents, groups, fields] = await Promise.all([
        readAll(c.streams.agents?.read()),
        readAll(c.streams.groups?.read()),
        readFields(c),
      ]);
      return { agents, groups, fields };
    },
    async organizations(access, limit): Promise<OrganizationDirectory> {
      const items: OrganizationDirectory['items'] = [];
      for await (const page of opened(access).streams.companies?.read() ?? []) {
        for (const r of page.records) {
          if (items.length === limit) return { items, complete: false };
          items.push({ id: r.id, name: r.name });
        }
      }
      return { items, complete: true };
    },
  };
}
