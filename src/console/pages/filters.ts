import type { ConsoleActor } from '../../app/console/access.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { field, notice, textarea } from '../form.js';
import { markup, type Html } from '../html.js';

export interface FiltersView {
  settings: MigrationSettings;
  errors?: Record<string, string>;
  /** The posted values when they were refused, so the admin can fix them. */
  values?: Record<string, string>;
  message?: string;
}

export function filtersBody(actor: ConsoleActor, v: FiltersView, base: string): Html {
  const f = v.settings.filters;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const val = (k: string, fallback: string) => v.values?.[k] ?? fallback;
  return markup`${notice(v.message, 'ok')}
    <p>Only tickets that pass every filter move. Empty = no restriction.</p>
    <form method="post" action="${base}/console/filters" id="filters-form">
      ${field({ name: 'createdFrom', label: 'Created on or after', type: 'date', value: val('createdFrom', f.createdFrom?.slice(0, 10) ?? ''), error: e.createdFrom, disabled })}
      ${field({ name: 'createdTo', label: 'Created before', type: 'date', value: val('createdTo', f.createdTo?.slice(0, 10) ?? ''), error: e.createdTo, disabled })}
      ${textarea({ name: 'tags', label: 'Tags (any of; comma or line separated)', value: val('tags', f.tags.join(', ')), error: e.tags, disabled })}
      ${textarea({ name: 'groupIds', label: 'Group ids', value: val('groupIds', f.groupIds.join(', ')), error: e.groupIds, disabled })}
      ${textarea({ name: 'organizationIds', label: 'Organization / company ids', value: val('organizationIds', f.organizationIds.join(', ')), error: e.organizationIds, disabled })}
      ${textarea({ name: 'assigneeIds', label: 'Assignee (agent) ids', value: val('assigneeIds', f.assigneeIds.join(', ')), error: e.assigneeIds, disabled })}
      ${textarea({ name: 'customFieldValues', label: 'Custom field values (one line each: field = value, value)', value: val('customFieldValues', f.customFieldValues.map((c) => `${c.key} = ${c.values.join(', ')}`).join('\n')), error: e.customFieldValues, disabled })}
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>Save filters</button>
    </form>`;
}
