import type { ConsoleActor } from '../../app/console/access.js';
import type { OrganizationDirectory, SourceCatalogue } from '../../app/wizard/ports.js';
import type { MigrationSettings } from '../../settings/settings.js';
import { field, notice, textarea } from '../form.js';
import { markup, type Html } from '../html.js';
import type { Words } from '../i18n.js';

export interface FiltersView {
  settings: MigrationSettings;
  /** The source's groups and agents, to choose by name (absent: the source is not readable now; ids then). */
  catalog?: Pick<SourceCatalogue, 'groups' | 'agents'> | null;
  /** The source's organizations, to choose by name (absent or incomplete: ids). */
  organizations?: OrganizationDirectory | null;
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

type Chosen = 'groupIds' | 'organizationIds' | 'assigneeIds';

/**
 * Boxes to tick by name: those matching the search are shown; chosen ones the search hides stay chosen
 * (hidden inputs), so a search never drops a choice.
 */
function chooser(
  w: Words,
  name: Chosen,
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
    <legend>${w.t('filters.chosen', { legend, n: String(chosen.length) })}</legend>
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
    ${shown.length === 0 ? markup`<p class="muted">${w.t('filters.no_match', { q })}</p>` : ''}
  </fieldset>`;
}

export function filtersBody(w: Words, actor: ConsoleActor, v: FiltersView, base: string): Html {
  const { t } = w;
  const f = v.settings.filters;
  const e = v.errors ?? {};
  const disabled = !actor.isOperator;
  const val = (k: string, fallback: string) => v.values?.[k] ?? fallback;
  const chosen = (k: Chosen) => (v.values?.[k] !== undefined ? v.values[k].split(',').filter(Boolean) : f[k]);
  /** By name from the source's directory when it could be read; else the ids, one per line or comma. */
  const choice = (k: Chosen, legend: string, idsLabel: string, items: Named[] | null, hint?: string) =>
    items
      ? chooser(w, k, legend, items, chosen(k), v.q ?? '', disabled)
      : textarea({
          name: k,
          label: idsLabel,
          value: val(k, f[k].join(', ')),
          error: e[k],
          disabled,
          ...(hint ? { hint } : {}),
        });
  const c = v.catalog;
  const orgs = v.organizations?.complete ? v.organizations.items : null;
  const tooMany =
    v.organizations && !v.organizations.complete
      ? t('filters.too_many_organizations', { n: w.tx.n(v.organizations.items.length) })
      : undefined;
  const named = c !== null && c !== undefined;
  return markup`${notice(v.message, 'ok')}
    <p>${t('filters.intro')}</p>
    ${
      named
        ? markup`<form method="get" action="${base}/console/filters" role="search">
            <label for="q">${t('filters.find')}</label>
            <input id="q" name="q" type="search" value="${v.q ?? ''}" />
            <button type="submit">${t('search')}</button>
          </form>`
        : markup`<p class="muted">${t('filters.connect_first')}</p>`
    }
    <form method="post" action="${base}/console/filters" id="filters-form">
      ${field({ name: 'createdFrom', label: t('filters.created_from'), type: 'date', value: val('createdFrom', f.createdFrom?.slice(0, 10) ?? ''), error: e.createdFrom, disabled })}
      ${field({ name: 'createdTo', label: t('filters.created_to'), type: 'date', value: val('createdTo', f.createdTo?.slice(0, 10) ?? ''), error: e.createdTo, disabled })}
      ${textarea({ name: 'tags', label: t('filters.tags'), value: val('tags', f.tags.join(', ')), error: e.tags, disabled })}
      ${choice('groupIds', t('filters.groups'), t('filters.group_ids'), c ? c.groups.map((g) => ({ id: g.id, label: g.name })) : null)}
      ${choice('organizationIds', t('filters.organizations'), t('filters.organization_ids'), orgs ? orgs.map((o) => ({ id: o.id, label: o.name })) : null, tooMany)}
      ${choice('assigneeIds', t('filters.assignees'), t('filters.assignee_ids'), c ? c.agents.map((a) => ({ id: a.id, label: a.email ? `${a.name} · ${a.email}` : a.name })) : null)}
      ${textarea({ name: 'customFieldValues', label: t('filters.field_values'), value: val('customFieldValues', f.customFieldValues.map((x) => `${x.key} = ${x.values.join(', ')}`).join('\n')), error: e.customFieldValues, disabled })}
      <button type="submit" class="primary" ${disabled ? markup` disabled` : ''}>${t('filters.save')}</button>
    </form>`;
}
