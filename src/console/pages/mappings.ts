import type { ConsoleActor } from '../../app/console/access.js';
import type { MappingCatalog } from '../../app/console/catalog.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { notice, select, type Choice } from '../form.js';
import { markup, type Html } from '../html.js';
import type { ConsoleKey, Words } from '../i18n.js';

export interface MappingsView {
  catalog?: MappingCatalog;
  /** Why the catalog could not be read (source not connected, Intercom refused…). */
  unavailable?: string;
  settings: MigrationSettings;
  q: string;
  errors?: Record<string, string>;
  message?: string;
}

const hit = (q: string, ...texts: (string | null | undefined)[]) =>
  q === '' || texts.some((t) => (t ?? '').toLowerCase().includes(q.toLowerCase()));

/** The automatic matches, counted as the canvas's mapping summary counts them. */
function summaries(w: Words, c: MappingCatalog): Html {
  const line = (key: ConsoleKey, matched: number, total: number) =>
    markup`<li>${w.t(key, { matched: String(matched), total: String(total) })}</li>`;
  return markup`<ul class="summaries">
    ${line('mappings.matched_agents', c.auto.agents.size, c.agents.length)}
    ${line('mappings.matched_groups', c.auto.groups.size, c.groups.length)}
    ${line('mappings.matched_fields', c.auto.fields.size, c.fields.length)}
  </ul>`;
}

export function mappingsBody(w: Words, actor: ConsoleActor, v: MappingsView, base: string): Html {
  const { t } = w;
  const search = markup`<form method="get" action="${base}/console/mappings" role="search" class="search">
    <label for="q">${t('search')}</label
    ><input id="q" name="q" type="search" value="${v.q}" placeholder="${t('mappings.search_placeholder')}" /><button
      type="submit"
    >
      ${t('search')}
    </button>
  </form>`;
  if (!v.catalog) return markup`${search}${notice(v.unavailable, 'error')}`;
  const c = v.catalog;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const m = v.settings.mappings;
  const admins: Choice[] = [
    { value: '', label: t('mappings.fallback_choice') },
    ...c.admins.map((a) => ({ value: a.id, label: `${a.name}${a.email ? ` <${a.email}>` : ''}` })),
  ];
  const teams: Choice[] = [
    { value: '', label: t('mappings.no_team') },
    // Two teams of one name are told apart by their members.
    ...c.teams.map((x) => ({
      value: x.id,
      label:
        x.memberCount === undefined
          ? x.name
          : t('mappings.members', { name: x.name, n: String(x.memberCount) }),
    })),
  ];
  const agentRows = c.agents
    .filter((a) => hit(v.q, a.name, a.email))
    .map((a) => {
      const current = a.id in m.agents ? (m.agents[a.id] ?? '') : (c.auto.agents.get(a.id) ?? '');
      return markup`<tr>
        <td>${a.active ? a.name : t('mappings.inactive', { name: a.name })}</td>
        <td class="wrap">${a.email ?? ''}</td>
        <td>
          ${select(`agent:${a.id}`, t('mappings.teammate_for', { name: a.name }), admins, current, { error: e[`agent:${a.id}`], disabled })}
        </td>
      </tr>`;
    });
  const groupRows = c.groups
    .filter((g) => hit(v.q, g.name))
    .map((g) => {
      const current = g.id in m.groups ? (m.groups[g.id] ?? '') : (c.auto.groups.get(g.id) ?? '');
      return markup`<tr>
        <td>${g.name}</td>
        <td>
          ${select(`group:${g.id}`, t('mappings.team_for', { name: g.name }), teams, current, { error: e[`group:${g.id}`], disabled })}
        </td>
      </tr>`;
    });
  const mapped = new Map(m.fields.map((f) => [`${f.scope}:${f.key}`, f]));
  const fieldRows = c.fields
    .filter((f) => hit(v.q, f.title, f.key))
    .map((f) => {
      const id = `${f.scope}:${f.key}`;
      const current = mapped.get(id);
      const attribute = current ? current.attribute : (c.auto.fields.get(id) ?? '');
      return markup`<tr>
        <td>${f.title}</td>
        <td>${t(`scope.${f.scope}`)}</td>
        <td><code>${f.type}</code></td>
        <td>
          <input
            name="field:${id}"
            aria-label="${t('mappings.attribute_for', { name: f.title })}"
            value="${attribute}"
            ${disabled ? markup` disabled` : ''}
          />${e[`field:${id}`] ? markup`<p class="field-error" role="alert">${e[`field:${id}`]}</p>` : ''}
        </td>
        <td>
          <input
            type="checkbox"
            name="create:${id}"
            aria-label="${t('mappings.create_for', { name: f.title })}"
            ${current?.create ? markup` checked` : ''}${disabled ? markup` disabled` : ''}
          />
        </td>
      </tr>`;
    });
  return markup`${search}${notice(v.message, 'ok')} ${summaries(w, c)}
    <form
      method="post"
      action="${base}/console/mappings${v.q ? `?q=${encodeURIComponent(v.q)}` : ''}"
      id="mappings-form"
    >
      <div class="field">
        <label for="fallbackAdminId">${t('mappings.fallback')}</label>${select(
          'fallbackAdminId',
          t('mappings.fallback_label'),
          [{ value: '', label: t('mappings.installer_choice') }, ...admins.slice(1)],
          m.fallbackAdminId ?? '',
          { error: e.fallbackAdminId, disabled },
        )}
      </div>
      <h2>${t('mappings.agents', { n: String(agentRows.length) })}</h2>
      <table id="agents">
        <thead>
          <tr>
            <th>${t('mappings.agent')}</th>
            <th>${t('mappings.email')}</th>
            <th>${t('mappings.teammate')}</th>
          </tr>
        </thead>
        <tbody>
          ${agentRows}
        </tbody>
      </table>
      <h2>${t('mappings.groups', { n: String(groupRows.length) })}</h2>
      <table id="groups">
        <thead>
          <tr>
            <th>${t('mappings.group')}</th>
            <th>${t('mappings.team')}</th>
          </tr>
        </thead>
        <tbody>
          ${groupRows}
        </tbody>
      </table>
      <h2>${t('mappings.fields', { n: String(fieldRows.length) })}</h2>
      <p class="hint">${t('mappings.fields_hint')}</p>
      <table id="fields">
        <thead>
          <tr>
            <th>${t('mappings.field')}</th>
            <th>${t('mappings.on')}</th>
            <th>${t('mappings.type')}</th>
            <th>${t('mappings.attribute')}</th>
            <th>${t('mappings.create')}</th>
          </tr>
        </thead>
        <tbody>
          ${fieldRows}
        </tbody>
      </table>
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>${t('mappings.save')}</button>
    </form>`;
}
