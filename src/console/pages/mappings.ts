import type { ConsoleActor } from '../../app/console/access.js';
import type { MappingCatalog } from '../../app/console/catalog.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { notice, select, type Choice } from '../form.js';
import { markup, type Html } from '../html.js';

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

export function mappingsBody(actor: ConsoleActor, v: MappingsView, base: string): Html {
  const search = markup`<form method="get" action="${base}/console/mappings" role="search" class="search">
    <label for="q">Search</label
    ><input id="q" name="q" type="search" value="${v.q}" placeholder="name, e-mail, field…" /><button
      type="submit"
    >
      Search
    </button>
  </form>`;
  if (!v.catalog) return markup`${search}${notice(v.unavailable, 'error')}`;
  const c = v.catalog;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const m = v.settings.mappings;
  const admins: Choice[] = [
    { value: '', label: '— the fallback teammate —' },
    ...c.admins.map((a) => ({ value: a.id, label: `${a.name}${a.email ? ` <${a.email}>` : ''}` })),
  ];
  const teams: Choice[] = [
    { value: '', label: '— no team —' },
    // Two teams of one name are told apart by their members.
    ...c.teams.map((t) => ({
      value: t.id,
      label: t.memberCount === undefined ? t.name : `${t.name} (${t.memberCount} members)`,
    })),
  ];
  const agentRows = c.agents
    .filter((a) => hit(v.q, a.name, a.email))
    .map((a) => {
      const current = a.id in m.agents ? (m.agents[a.id] ?? '') : (c.auto.agents.get(a.id) ?? '');
      return markup`<tr>
        <td>${a.name}${a.active ? '' : ' (inactive)'}</td>
        <td>${a.email ?? ''}</td>
        <td>
          ${select(`agent:${a.id}`, `Teammate for ${a.name}`, admins, current, { error: e[`agent:${a.id}`], disabled })}
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
          ${select(`group:${g.id}`, `Team for ${g.name}`, teams, current, { error: e[`group:${g.id}`], disabled })}
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
        <td>${f.scope}</td>
        <td>${f.type}</td>
        <td>
          <input
            name="field:${id}"
            aria-label="Attribute for ${f.title}"
            value="${attribute}"
            ${disabled ? markup` disabled` : ''}
          />${e[`field:${id}`] ? markup`<p class="field-error" role="alert">${e[`field:${id}`]}</p>` : ''}
        </td>
        <td>
          <input
            type="checkbox"
            name="create:${id}"
            aria-label="Create ${f.title}"
            ${current?.create ? markup` checked` : ''}${disabled ? markup` disabled` : ''}
          />
        </td>
      </tr>`;
    });
  return markup`${search}${notice(v.message, 'ok')}
    <ul class="summaries">
      ${c.summaries.map((s) => markup`<li>${s}</li>`)}
    </ul>
    <form
      method="post"
      action="${base}/console/mappings${v.q ? `?q=${encodeURIComponent(v.q)}` : ''}"
      id="mappings-form"
    >
      <div class="field">
        <label for="fallbackAdminId">Fallback teammate (writes for unmapped and automated authors)</label
        >${select('fallbackAdminId', 'Fallback teammate', [{ value: '', label: '— the installing token’s admin —' }, ...admins.slice(1)], m.fallbackAdminId ?? '', { error: e.fallbackAdminId, disabled })}
      </div>
      <h2>Agents → teammates (${agentRows.length})</h2>
      <table id="agents">
        <thead>
          <tr>
            <th>Agent</th>
            <th>E-mail</th>
            <th>Teammate</th>
          </tr>
        </thead>
        <tbody>
          ${agentRows}
        </tbody>
      </table>
      <h2>Groups → teams (${groupRows.length})</h2>
      <table id="groups">
        <thead>
          <tr>
            <th>Group</th>
            <th>Team</th>
          </tr>
        </thead>
        <tbody>
          ${groupRows}
        </tbody>
      </table>
      <h2>Fields → attributes (${fieldRows.length})</h2>
      <p class="hint">
        Leave the attribute empty to leave a field out; tick Create to have Ferry create a missing attribute.
      </p>
      <table id="fields">
        <thead>
          <tr>
            <th>Field</th>
            <th>On</th>
            <th>Type</th>
            <th>Intercom attribute</th>
            <th>Create</th>
          </tr>
        </thead>
        <tbody>
          ${fieldRows}
        </tbody>
      </table>
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>Save mappings</button>
    </form>`;
}
