// The per-entity counters table, in DESIGN's words: available / total / migrated / failed / skipped.
import type { RunStatusView } from '../../app/runs.js';
import { html, type Html } from '../html.js';

export function countersTable(run: RunStatusView, csvBase?: string): Html {
  const rows = Object.entries(run.counters);
  const link = (status: string, n: number) =>
    csvBase && n > 0 ? html`<a href="${csvBase}/${status}.csv">${n}</a>` : html`${n}`;
  return html`<table class="counters" id="counters">
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
          html`<tr>
            <th scope="row">${e}</th>
            <td>${c.available ?? '—'}</td>
            <td>${c.total}</td>
            <td>${link('migrated', c.migrated)}</td>
            <td>${link('failed', c.failed)}</td>
            <td>${link('skipped', c.skipped)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function runHeading(run: RunStatusView): Html {
  const kind = { demo: 'Demo', full: 'Full migration', delta: 'Delta run' }[run.kind];
  return html`<p class="run-status">
    <strong>${kind}</strong> · <span class="status ${run.status}">${run.status}</span>${
      run.stage ? html` · stage ${run.stage}` : ''
    }${run.pauseReason ? html` · ${run.pauseReason}` : ''}${run.lastError ? html` · last problem: ${run.lastError}` : ''}
  </p>`;
}
