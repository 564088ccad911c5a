import { helpdeskAddress } from '../../../canvas/screens/common.js';
import { CONNECT_COUNTED } from '../../../canvas/screens/connect.js';
import type { ConsoleActor } from '../../app/console/access.js';
import type { ConnectionResult } from '../../app/console/credentials.js';
import { field, notice } from '../form.js';
import { markup, type Html } from '../html.js';
import { withMarkup, type Words } from '../i18n.js';
import { entityName } from './counters.js';

export interface CredentialsView {
  errors?: Record<string, string>;
  /** What was typed, except the secret: a secret is never sent back to the browser. */
  values?: { subdomain?: string; email?: string };
  result?: ConnectionResult;
  message?: string;
  /** The sandbox's sample help desk credentials, shown as a hint (never in production). */
  sample?: { subdomain: string; email?: string; token?: string; apiKey?: string } | undefined;
}

/** What the source holds: the entities and names connect shows in the canvas, in the same order. */
function resultBlock(w: Words, r: ConnectionResult, address: string): Html {
  return markup`<div class="notice ok" id="connection-result" role="status">
    <p>${w.t('credentials.connected_as', { address, user: r.user })}</p>
    <ul>
      ${CONNECT_COUNTED.filter((e) => e in r.available).map(
        (e) => markup`<li>${entityName(w, e)}: ${r.available[e] ?? w.tx.t('count.unknown')}</li>`,
      )}
    </ul>
  </div>`;
}

function sampleHint(w: Words, s: NonNullable<CredentialsView['sample']>): Html {
  const code = (v: string) => markup`<code>${v}</code>`;
  return markup`<p class="notice info" id="sample-hint">
    ${withMarkup(w.t('credentials.sample'), { subdomain: code(s.subdomain) })}${
      s.email
        ? withMarkup(w.t('credentials.sample_zendesk'), { email: code(s.email), token: code(s.token ?? '') })
        : ''
    }${s.apiKey ? withMarkup(w.t('credentials.sample_freshdesk'), { key: code(s.apiKey) }) : ''}.
  </p>`;
}

export function credentialsBody(w: Words, actor: ConsoleActor, v: CredentialsView, base: string): Html {
  const { t } = w;
  const m = actor.migration;
  if (!m) return markup`<p>${t('overview.none')}</p>`;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const zendesk = m.source_platform === 'zendesk';
  const host = zendesk ? 'zendesk.com' : 'freshdesk.com';
  const secret = zendesk
    ? [
        field({
          name: 'email',
          label: t('credentials.email'),
          type: 'email',
          value: v.values?.email ?? '',
          error: e.email,
          disabled,
          autocomplete: 'off',
        }),
        field({
          name: 'token',
          label: t('credentials.token'),
          type: 'password',
          error: e.token,
          disabled,
          autocomplete: 'new-password',
          hint: t('credentials.token_hint'),
        }),
      ]
    : [
        field({
          name: 'apiKey',
          label: t('credentials.api_key'),
          type: 'password',
          error: e.apiKey,
          disabled,
          autocomplete: 'new-password',
          hint: t('credentials.api_key_hint'),
        }),
      ];
  const stored = m.source_credentials_enc
    ? markup`<p id="stored">
          ${withMarkup(t('credentials.stored'), {
            account: markup`<strong>${helpdeskAddress(m.source_platform, m.source_account ?? '')}</strong>`,
          })}
        </p>
        <form method="post" action="${base}/console/credentials/test">
          <button type="submit" ${disabled ? markup` disabled` : ''}>${t('credentials.test')}</button>
        </form>`
    : markup`<p>${t('credentials.none')}</p>`;
  // The help desk's own address, never where the sandbox's emulator listens (127.0.0.1:port).
  const address = helpdeskAddress(m.source_platform, m.source_account ?? v.values?.subdomain ?? '');
  return markup`${notice(v.message, 'ok')}${v.result ? resultBlock(w, v.result, address) : ''}${e.form ? notice(e.form, 'error') : ''}${stored}${v.sample ? sampleHint(w, v.sample) : ''}
    <form method="post" action="${base}/console/credentials" id="credentials-form" autocomplete="off">
      ${field({ name: 'subdomain', label: t('credentials.subdomain', { host }), value: v.values?.subdomain ?? m.source_account ?? '', error: e.subdomain, disabled })}
      ${secret}
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>${t('credentials.save')}</button>
    </form>`;
}
