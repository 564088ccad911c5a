import type { ConsoleActor } from '../../app/console/access.js';
import type { OperatorView } from '../../app/console/operators.js';
import { field, notice } from '../form.js';
import { markup, type Html } from '../html.js';

export function operatorsBody(
  actor: ConsoleActor,
  ops: OperatorView[],
  v: { errors?: Record<string, string>; value?: string; message?: string },
  base: string,
): Html {
  const installer = actor.workspace.installed_by_admin_id === actor.adminId;
  const rows = ops.map(
    (o) =>
      markup`<tr>
        <td>${o.adminId}${o.adminId === actor.adminId ? ' (you)' : ''}</td>
        <td>${o.installer ? 'installed Ferry' : `added by ${o.addedBy ?? '—'}`}</td>
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
          <th>Intercom admin id</th>
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
        ? markup`<form method="post" action="${base}/console/operators" id="operators-form">
            ${field({ name: 'adminId', label: 'Add a teammate by Intercom admin id', value: v.value ?? '', error: v.errors?.adminId })}
            <button type="submit" class="primary">Add operator</button>
          </form>`
        : markup`<p class="muted">Only the admin who installed Ferry adds operators.</p>`
    }`;
}
