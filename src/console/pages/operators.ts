import type { ConsoleActor } from '../../app/console/access.js';
import type { OperatorView } from '../../app/console/operators.js';
import type { IntercomAdmin } from '../../transform/reference.js';
import { field, notice, select } from '../form.js';
import { markup, type Html } from '../html.js';

/** A teammate as people know them: name and e-mail (the id only when Intercom does not know it). */
function teammate(admins: readonly IntercomAdmin[], id: string): string {
  const a = admins.find((x) => x.id === id);
  if (!a) return `Intercom admin ${id}`;
  return a.email ? `${a.name} · ${a.email}` : a.name;
}

export function operatorsBody(
  actor: ConsoleActor,
  ops: OperatorView[],
  v: { errors?: Record<string, string>; value?: string; message?: string; q?: string },
  base: string,
  admins: readonly IntercomAdmin[] = [],
): Html {
  const installer = actor.workspace.installed_by_admin_id === actor.adminId;
  // Chosen by name, with a search: the teammates not yet operators, those matching q.
  const q = (v.q ?? '').trim().toLowerCase();
  const candidates = admins.filter(
    (a) =>
      !ops.some((o) => o.adminId === a.id) &&
      (q === '' || `${a.name} ${a.email ?? ''}`.toLowerCase().includes(q)),
  );
  const rows = ops.map(
    (o) =>
      markup`<tr>
        <td class="wrap">${teammate(admins, o.adminId)}${o.adminId === actor.adminId ? ' (you)' : ''}</td>
        <td>${o.installer ? 'installed Ferry' : `added by ${o.addedBy ? teammate(admins, o.addedBy) : '—'}`}</td>
        <td>
          ${
            installer && !o.installer
              ? markup`<form method="post" action="${base}/console/operators/${o.adminId}/remove">
                  <button type="submit">Remove</button>
                </form>`
              : ''
          }
        </td>
      </tr>`,
  );
  return markup`${notice(v.message, 'ok')}
    <p>Operators may change this migration; every other teammate sees its status only.</p>
    <table id="operators">
      <thead>
        <tr>
          <th>Teammate</th>
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
              <label for="q">Find a teammate by name or e-mail</label>
              <input id="q" name="q" type="search" value="${v.q ?? ''}" />
              <button type="submit">Search</button>
            </form>
            <form method="post" action="${base}/console/operators" id="operators-form">
              ${
                admins.length > 0
                  ? select(
                      'adminId',
                      'Teammate',
                      [
                        { value: '', label: `— choose a teammate (${candidates.length}) —` },
                        ...candidates.map((a) => ({ value: a.id, label: teammate(admins, a.id) })),
                      ],
                      v.value ?? '',
                      { error: v.errors?.adminId },
                    )
                  : field({
                      name: 'adminId',
                      label: 'Add a teammate by Intercom admin id',
                      value: v.value ?? '',
                      error: v.errors?.adminId,
                    })
              }
              <button type="submit" class="primary">Add operator</button>
            </form>`
        : markup`<p class="muted">Only the admin who installed Ferry adds operators.</p>`
    }`;
}
