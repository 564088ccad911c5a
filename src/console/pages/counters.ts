// The per-entity counters table, in DESIGN's words: available / total / migrated / failed / skipped.
// Records the source reported deleted count in total but not in available: the total names them, so a total
// above available does not read as an error.
import type { RunStatusView } from '../../app/runs.js';
import type { EntityCounters } from '../../engine/progress.js';
import { markup, type Html } from '../html.js';

function totalCell(c: EntityCounters): Html {
  if (c.deletedInSource === 0) return markup`${c.total}`;
  const present = Math.max(0, c.total - c.deletedInSource);
  return markup`${c.total} <span class="muted">(${present} + ${c.deletedInSource} deleted in the source)</span>`;
}

/** Migrated, and of them those that arrived with something left off (their reasons are in migrated.csv). */
function migratedCell(c: EntityCounters, link: (status: string, n: number) => Html): Html {
  if (!c.migratedWithLosses) return link('migrated', c.migrated);
  return markup`${link('migrated', c.migrated)} <span class="losses">(${c.migratedWithLosses} with losses)</span>`;
}

export function countersTable(run: RunStatusView, csvBase?: string): Html {
  const rows = Object.entries(run.counters);
  const link = (status: string, n: number) =>
    csvBase && n > 0 ? markup`<a href="${csvBase}/${status}.csv">${n}</a>` : markup`${n}`;
  return markup`<table class="counters" id="counters">
    <thead>
      <tr>
        <th>Entity</th>
        <th>Available</th>
        <th>Total</th>
        <th>Migrated</th>
        <th>Failed</th>
        <th>Skipped</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([e, c]) =>
          markup`<tr>
            <th scope="row">${e}</th>
            <td>${c.available ?? '—'}</td>
            <td>${totalCell(c)}</td>
            <td>${migratedCell(c, link)}</td>
            <td>${link('failed', c.failed)}</td>
            <td>${link('skipped', c.skipped)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function runHeading(run: RunStatusView): Html {
  const kind = { demo: 'Demo', full: 'Full migration', delta: 'Delta run' }[run.kind];
  return markup`<p class="run-status">
    <strong>${kind}</strong> · <span class="status ${run.status}">${run.status}</span>${
      run.stage ? markup` · stage ${run.stage}` : ''
    }${run.pauseReason ? markup` · ${run.pauseReason}` : ''}${run.lastError ? markup` · last problem: ${run.lastError}` : ''}
  </p>`;
}
