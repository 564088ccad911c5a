import type { ProgressSample, RecordRow, RunListItem } from '../../app/console/reports.js';
import type { RunStatusView } from '../../app/runs.js';
import { progressChart } from '../chart.js';
import { markup, type Html } from '../html.js';
import { when, type Words } from '../i18n.js';
import { countersTable, entityName, ledgerStatus, runHeading } from './counters.js';
import { verificationSummary } from './mismatches.js';

const LEDGER = ['migrated', 'failed', 'skipped'] as const;

export function reportsBody(w: Words, runs: RunListItem[], base: string): Html {
  const { t, tx } = w;
  if (runs.length === 0) return markup`<p>${t('overview.no_run')}</p>`;
  return markup`<table id="runs">
    <thead>
      <tr>
        <th>${t('reports.run')}</th>
        <th>${t('reports.status')}</th>
        <th>${t('reports.started')}</th>
        <th>${t('reports.finished')}</th>
        <th>${t('reports.csv')}</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map(
        (r) =>
          markup`<tr>
            <td><a href="${base}/console/reports/${r.id}">${tx.t(`run.${r.kind}`)}</a></td>
            <td>${tx.t(`run.status.${r.status}`)}</td>
            <td>${when(r.createdAt, w.locale)}</td>
            <td>${r.finishedAt ? when(r.finishedAt, w.locale) : ''}</td>
            <td>
              ${LEDGER.map(
                (s) => markup`<a href="${base}/console/reports/${r.id}/${s}.csv">${ledgerStatus(w, s)}</a> `,
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
  /** The migration moved a help center: url-map.csv (old-URL → new-URL) is there to download. */
  hasUrlMap?: boolean;
}

export function runReportBody(w: Words, v: RunReportView, base: string): Html {
  const { t } = w;
  const runBase = `${base}/console/reports/${v.run.runId}`;
  const undo = markup`<p><a id="undo-run" href="${base}/console/rollback/${v.run.runId}">${t('reports.undo')}</a></p>`;
  const filterLink = (status: string) =>
    markup`<a
      href="${runBase}?status=${status}${v.entity ? `&entity=${encodeURIComponent(v.entity)}` : ''}"
      ${v.status === status ? markup` aria-current="true"` : ''}
      >${status ? ledgerStatus(w, status) : t('reports.all')}</a
    > `;
  const next = v.nextAfterId
    ? markup`<a
        id="next-page"
        href="${runBase}?status=${v.status}&entity=${encodeURIComponent(v.entity)}&after=${v.nextAfterId}"
        >${t('reports.next')}</a
      >`
    : '';
  return markup`${runHeading(w, v.run)}${countersTable(w, v.run, runBase)} ${verificationSummary(w, v.run, runBase)}
    <p>
      ${t('reports.download')}
      ${LEDGER.map((s) => markup`<a class="csv" href="${runBase}/${s}.csv" download>${s}.csv</a> `)}
      ${v.hasUrlMap ? markup`<a class="csv" id="url-map" href="${runBase}/url-map.csv" download>url-map.csv</a>` : ''}
    </p>
    ${undo}
    <h2>${t('overview.progress')}</h2>
    ${progressChart(v.samples, w)}
    <h2>${t('reports.records')}</h2>
    <p>${t('reports.show')} ${['', ...LEDGER].map(filterLink)}</p>
    <table id="records">
      <thead>
        <tr>
          <th>${t('counters.entity')}</th>
          <th>${t('reports.source_id')}</th>
          <th>${t('reports.intercom_id')}</th>
          <th>${t('reports.status')}</th>
          <th>${t('reports.reason')}</th>
        </tr>
      </thead>
      <tbody>
        ${v.rows.map(
          (r) =>
            markup`<tr>
              <td>${entityName(w, r.entity)}</td>
              <td>${r.sourceId}</td>
              <td>${r.targetId ?? ''}</td>
              <td>${ledgerStatus(w, r.status)}</td>
              <td>${r.reason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${next}`;
}
