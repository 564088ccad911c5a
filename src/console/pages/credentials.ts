import { MESSAGES } from '../../../canvas/i18n/index.js';
import { helpdeskAddress } from '../../../canvas/screens/common.js';
import { CONNECT_COUNTED } from '../../../canvas/screens/connect.js';
import type { ConsoleActor } from '../../app/console/access.js';
import type { ConnectionResult } from '../../app/console/credentials.js';
import { field, notice } from '../form.js';
import { markup, type Html } from '../html.js';

export interface CredentialsView {
  errors?: Record<string, string>;
  /** What was typed, except the secret: a secret is never sent back to the browser. */
  values?: { subdomain?: string; email?: string };
  result?: ConnectionResult;
  message?: string;
  /** The sandbox's sample help desk credentials, shown as a hint (never in production). */
  sample?: { subdomain: string; email?: string; token?: string; apiKey?: string } | undefined;
}

/** What the source holds, named as the canvas names it ("Ticket fields", never "ticket_fields"). */
const entityName = (key: string): string => {
  const messages: Record<string, string> = MESSAGES.en;
  return messages[`entity.${key}`] ?? key.replace(/_/g, ' ');
};

function resultBlock(r: ConnectionResult, address: string): Html {
  return markup`<div class="notice ok" id="connection-result" role="status">
    <p>Connected to ${address} as ${r.user}.</p>
    <ul>
      ${CONNECT_COUNTED.filter((e) => e in r.available).map((e) => markup`<li>${entityName(e)}: ${r.available[e] ?? 'not counted'}</li>`)}
    </ul>
  </div>`;
}

export function credentialsBody(actor: ConsoleActor, v: CredentialsView, base: string): Html {
  const m = actor.migration;
  if (!m) return markup`<p>No migration yet. Open Ferry in your Intercom Inbox and press Start.</p>`;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const zendesk = m.source_platform === 'zendesk';
  const host = zendesk ? 'zendesk.com' : 'freshdesk.com';
  const secret = zendesk
    ? [
        field({
          name: 'email',
          label: 'Admin e-mail',
          type: 'email',
          value: v.values?.email ?? '',
          error: e.email,
          disabled,
          autocomplete: 'off',
        }),
        field({
          name: 'token',
          label: 'API token',
          type: 'password',
          error: e.token,
          disabled,
          autocomplete: 'new-password',
          hint: 'Admin Center › Apps and integrations › APIs › Zendesk API.',
        }),
      ]
    : [
        field({
          name: 'apiKey',
          label: 'API key',
          type: 'password',
          error: e.apiKey,
          disabled,
          autocomplete: 'new-password',
          hint: 'Your Freshdesk profile settings › View API key.',
        }),
      ];
  const stored = m.source_credentials_enc
    ? markup`<p id="stored">
          Credentials are stored for <strong>${m.source_account ?? ''}.${host}</strong>. They are never shown
          again; enter new ones to replace them.
        </p>
        <form method="post" action="${base}/console/credentials/test">
          <button type="submit" ${disabled ? markup` disabled` : ''}>Test connection</button>
        </form>`
    : markup`<p>No credentials stored yet.</p>`;
  const sample = v.sample
    ? markup`<p class="notice info" id="sample-hint">
        Sandbox: the sample help desk answers at subdomain <code>${v.sample.subdomain}</code>${
          v.sample.email
            ? markup`, e-mail <code>${v.sample.email}</code>, token <code>${v.sample.token ?? ''}</code>`
            : ''
        }${v.sample.apiKey ? markup`, API key <code>${v.sample.apiKey}</code>` : ''}.
      </p>`
    : '';
  return markup`${notice(v.message, 'ok')}${v.result ? resultBlock(v.result, m.source_account ? helpdeskAddress(m.source_platform, m.source_account) : v.result.account) : ''}${e.form ? notice(e.form, 'error') : ''}${stored}${sample}
    <form method="post" action="${base}/console/credentials" id="credentials-form" autocomplete="off">
      ${field({ name: 'subdomain', label: `Subdomain (acme for acme.${host})`, value: v.values?.subdomain ?? m.source_account ?? '', error: e.subdomain, disabled })}
      ${secret}
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>Test and save</button>
    </form>`;
}
