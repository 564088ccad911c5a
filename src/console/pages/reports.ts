import type { ProgressSample, RecordRow, RunListItem } from '../../app/console/reports.js';
import type { RunStatusView } from '../../app/runs.js';
import { progressChart } from '../chart.js';
import type { Locale } from '../../../canvas/i18n/index.js';
import { markup, type Html } from '../html.js';
import { when } from '../i18n.js';
import { countersTable, runHeading } from './counters.js';
import { verificationSummary } from './mismatches.js';

export function reportsBody(runs: RunListItem[], base: string, locale: Locale = 'en'): Html {
  if (runs.length === 0) return markup`<p>No run yet: the demo starts from the canvas.</p>`;
  return markup`<table id="runs">
    <thead>
      <tr>
        <th>Run</th>
        <th>Status</th>
        <th>Started</th>
        <th>Finished</th>
        <th>CSV</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map(
        (r) =>
          markup`<tr>
            <td><a href="${base}/console/reports/${r.id}">${r.kind}</a></td>
            <td>${r.status}</td>
            <td>${when(r.createdAt, locale)}</td>
            <td>${r.finishedAt ? when(r.finishedAt, locale) : ''}</td>
            <td>
              ${['migrated', 'failed', 'skipped'].map(
                (s) => markup`<a href="${base}/console/reports/${r.id}/${s}.csv">${s}</a> `,
              )}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export interface RunReportView {
  run: RunStatusView;
  samples: ProgressSample[];
  rows: RecordRow[];
  nextAfterId: string | null;
  status: string;
  entity: string;
}

export function runReportBody(v: RunReportView, base: string): Html {
  const runBase = `${base}/console/reports/${v.run.runId}`;
  const undo = markup`<p><a id="undo-run" href="${base}/console/rollback/${v.run.runId}">Undo this run</a></p>`;
  const filterLink = (status: string) =>
    markup`<a
      href="${runBase}?status=${status}${v.entity ? `&entity=${encodeURIComponent(v.entity)}` : ''}"
      ${v.status === status ? markup` aria-current="true"` : ''}
      >${status || 'all'}</a
    > `;
  const next = v.nextAfterId
    ? markup`<a
        id="next-page"
        href="${runBase}?status=${v.status}&entity=${encodeURIComponent(v.entity)}&after=${v.nextAfterId}"
        >Next ${'›'}</a
      >`
    : '';
  return markup`${runHeading(v.run)}${countersTable(v.run, runBase)} ${verificationSummary(v.run, runBase)}
    <p>
      Download:
      ${['migrated', 'failed', 'skipped'].map((s) => markup`<a class="csv" href="${runBase}/${s}.csv" download>${s}.csv</a> `)}
    </p>
    ${undo}
    <h2>Progress</h2>
    ${progressChart(v.samples)}
    <h2>Records</h2>
    <p>Show: ${['', 'migrated', 'failed', 'skipped'].map(filterLink)}</p>
    <table id="records">
      <thead>
        <tr>
          <th>Entity</th>
          <th>Source id</th>
          <th>Intercom id</th>
          <th>Status</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        ${v.rows.map(
          (r) =>
            markup`<tr>
              <td>${r.entity}</td>
              <td>${r.sourceId}</td>
              <td>${r.targetId ?? ''}</td>
              <td>${r.status}</td>
              <td>${r.reason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${next}`;
}
