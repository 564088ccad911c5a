import type { ConsoleActor } from '../../app/console/access.js';
import type { SourceCatalogue } from '../../app/wizard/ports.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { field, notice, textarea } from '../form.js';
import { markup, type Html } from '../html.js';

export interface FiltersView {
  settings: MigrationSettings;
  /** The source's groups and agents, to choose by name (absent: the source is not readable now; ids then). */
  catalog?: Pick<SourceCatalogue, 'groups' | 'agents'> | null;
  /** The search over the names. */
  q?: string;
  errors?: Record<string, string>;
  /** The posted values when they were refused, so the admin can fix them. */
  values?: Record<string, string>;
  message?: string;
}

interface Named {
  id: string;
  label: string;
}

/**
 * Boxes to tick by name: those matching the search are shown; chosen ones the search hides stay chosen
 * (hidden inputs), so a search never drops a choice.
 */
function chooser(
  name: string,
  legend: string,
  items: Named[],
  chosen: string[],
  q: string,
  disabled: boolean,
): Html {
  const needle = q.trim().toLowerCase();
  const shown = items.filter((i) => needle === '' || i.label.toLowerCase().includes(needle));
  const hidden = chosen.filter((id) => !shown.some((i) => i.id === id));
  return markup`<fieldset id="${name}-choices" class="choices">
    <legend>${legend} (${chosen.length} chosen; none = any)</legend>
    ${shown.map(
      (i) =>
        markup`<label class="wrap"
          ><input type="checkbox" name="${name}" value="${i.id}" ${chosen.includes(i.id) ? markup` checked` : ''}${
            disabled ? markup` disabled` : ''
          } />
          ${i.label}</label
        >`,
    )}
    ${hidden.map((id) => markup`<input type="hidden" name="${name}" value="${id}" />`)}
    ${shown.length === 0 ? markup`<p class="muted">No name matches “${q}”.</p>` : ''}
  </fieldset>`;
}

export function filtersBody(actor: ConsoleActor, v: FiltersView, base: string): Html {
  const f = v.settings.filters;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const val = (k: string, fallback: string) => v.values?.[k] ?? fallback;
  const chosen = (k: 'groupIds' | 'assigneeIds') =>
    v.values?.[k] !== undefined ? v.values[k].split(',').filter(Boolean) : f[k];
  const c = v.catalog;
  const groups = c
    ? chooser(
        'groupIds',
        'Groups',
        c.groups.map((g) => ({ id: g.id, label: g.name })),
        chosen('groupIds'),
        v.q ?? '',
        disabled,
      )
    : textarea({
        name: 'groupIds',
        label: 'Group ids',
        value: val('groupIds', f.groupIds.join(', ')),
        error: e.groupIds,
        disabled,
      });
  const assignees = c
    ? chooser(
        'assigneeIds',
        'Assignees',
        c.agents.map((a) => ({ id: a.id, label: a.email ? `${a.name} · ${a.email}` : a.name })),
        chosen('assigneeIds'),
        v.q ?? '',
        disabled,
      )
    : textarea({
        name: 'assigneeIds',
        label: 'Assignee (agent) ids',
        value: val('assigneeIds', f.assigneeIds.join(', ')),
        error: e.assigneeIds,
        disabled,
      });
  return markup`${notice(v.message, 'ok')}
    <p>Only tickets that pass every filter move. Empty = no restriction.</p>
    ${
      c
        ? markup`<form method="get" action="${base}/console/filters" role="search">
            <label for="q">Find groups and assignees by name or e-mail</label>
            <input id="q" name="q" type="search" value="${v.q ?? ''}" />
            <button type="submit">Search</button>
          </form>`
        : markup`<p class="muted">Connect the source to choose groups and assignees by name.</p>`
    }
    <form method="post" action="${base}/console/filters" id="filters-form">
      ${field({ name: 'createdFrom', label: 'Created on or after', type: 'date', value: val('createdFrom', f.createdFrom?.slice(0, 10) ?? ''), error: e.createdFrom, disabled })}
      ${field({ name: 'createdTo', label: 'Created before', type: 'date', value: val('createdTo', f.createdTo?.slice(0, 10) ?? ''), error: e.createdTo, disabled })}
      ${textarea({ name: 'tags', label: 'Tags (any of; comma or line separated)', value: val('tags', f.tags.join(', ')), error: e.tags, disabled })}
      ${groups}
      ${textarea({ name: 'organizationIds', label: 'Organization / company ids', value: val('organizationIds', f.organizationIds.join(', ')), error: e.organizationIds, disabled })}
      ${assignees}
      ${textarea({ name: 'customFieldValues', label: 'Custom field values (one line each: field = value, value)', value: val('customFieldValues', f.customFieldValues.map((c) => `${c.key} = ${c.values.join(', ')}`).join('\n')), error: e.customFieldValues, disabled })}
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>Save filters</button>
    </form>`;
}
