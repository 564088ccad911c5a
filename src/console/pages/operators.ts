import type { ConsoleActor } from '../../app/console/access.js';
import type { OperatorView } from '../../app/console/operators.js';
import type { IntercomAdmin } from '../../transform/reference.js';
import { field, notice, select } from '../form.js';
import { markup, type Html } from '../html.js';
import type { Words } from '../i18n.js';

/** A teammate as people know them: name and e-mail (the id only when Intercom does not know it). */
function teammate(w: Words, admins: readonly IntercomAdmin[], id: string): string {
  const a = admins.find((x) => x.id === id);
  if (!a) return w.t('operators.unknown', { id });
  return a.email ? `${a.name} · ${a.email}` : a.name;
}

export function operatorsBody(
  w: Words,
  actor: ConsoleActor,
  ops: OperatorView[],
  v: { errors?: Record<string, string>; value?: string; message?: string; q?: string },
  base: string,
  admins: readonly IntercomAdmin[] = [],
): Html {
  const { t } = w;
  const installer = actor.workspace.installed_by_admin_id === actor.adminId;
  // Chosen by name, with a search: the teammates not yet operators, those matching q.
  const q = (v.q ?? '').trim().toLowerCase();
  const candidates = admins.filter(
    (a) =>
      !ops.some((o) => o.adminId === a.id) &&
      (q === '' || `${a.name} ${a.email ?? ''}`.toLowerCase().includes(q)),
  );
  const nameOf = (id: string) =>
    id === actor.adminId ? t('operators.you', { name: teammate(w, admins, id) }) : teammate(w, admins, id);
  const rows = ops.map(
    (o) =>
      markup`<tr>
        <td class="wrap">${nameOf(o.adminId)}</td>
        <td>${o.installer ? t('operators.installed') : t('operators.added_by', { name: o.addedBy ? teammate(w, admins, o.addedBy) : '—' })}</td>
        <td>
          ${
            installer && !o.installer
              ? markup`<form method="post" action="${base}/console/operators/${o.adminId}/remove">
                  <button type="submit">${t('operators.remove')}</button>
                </form>`
              : ''
          }
        </td>
      </tr>`,
  );
  return markup`${notice(v.message, 'ok')}
    <p>${t('operators.intro')}</p>
    <table id="operators">
      <thead>
        <tr>
          <th>${t('operators.teammate')}</th>
          <th></th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${
      installer && actor.migration
        ? markup`<form method="get" action="${base}/console/operators" role="search">
              <label for="q">${t('operators.find')}</label>
              <input id="q" name="q" type="search" value="${v.q ?? ''}" />
              <button type="submit">${t('search')}</button>
            </form>
            <form method="post" action="${base}/console/operators" id="operators-form">
              ${
                admins.length > 0
                  ? select(
                      'adminId',
                      t('operators.teammate'),
                      [
                        { value: '', label: t('operators.choose', { n: String(candidates.length) }) },
                        ...candidates.map((a) => ({ value: a.id, label: teammate(w, admins, a.id) })),
                      ],
                      v.value ?? '',
                      { error: v.errors?.adminId },
                    )
                  : field({
                      name: 'adminId',
                      label: t('operators.by_id'),
                      value: v.value ?? '',
                      error: v.errors?.adminId,
                    })
              }
              <button type="submit" class="primary">${t('operators.add')}</button>
            </form>`
        : markup`<p class="muted">${t('operators.installer_only')}</p>`
    }`;
}
