// The mismatches page: every problem the run's verification found (Intercom read back and compared with the
// source), each a sentence an admin can act on, with mismatches.csv to download; and the records Intercom
// cannot show (past 500 parts).
import type { MismatchRow } from '../../engine/verify-results.js';
import type { RunStatusView } from '../../app/runs.js';
import { markup, type Html } from '../html.js';
import type { Words } from '../i18n.js';
import { entityName, runHeading } from './counters.js';

/** The run page's line: the verification's counts and a link to the mismatches. */
export function verificationSummary(w: Words, run: RunStatusView, runBase: string): Html | string {
  const v = run.verification;
  if (!v) return '';
  return markup`<p id="verification">
    ${w.tx.t('verify.line', { ...v })} — <a href="${runBase}/mismatches">${w.t('mismatches.link')}</a>
  </p>`;
}

export interface MismatchesView {
  run: RunStatusView;
  rows: MismatchRow[];
  unverifiable: MismatchRow[];
  nextAfterId: string | null;
}

function table(w: Words, id: string, rows: MismatchRow[], heading: string): Html {
  return markup`<table id="${id}">
    <thead>
      <tr>
        <th>${w.t('counters.entity')}</th>
        <th>${w.t('reports.source_id')}</th>
        <th>${w.t('reports.intercom_id')}</th>
        <th>${heading}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          markup`<tr>
            <td>${entityName(w, r.entity)}</td>
            <td>${r.source_id}</td>
            <td>${r.target_id ?? ''}</td>
            <td>${r.problem}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function mismatchesBody(w: Words, v: MismatchesView, base: string): Html {
  const { t } = w;
  const runBase = `${base}/console/reports/${v.run.runId}`;
  const next = v.nextAfterId
    ? markup`<a id="next-page" href="${runBase}/mismatches?after=${v.nextAfterId}">${t('reports.next')}</a>`
    : '';
  const body =
    v.run.verification == null
      ? markup`<p>${t('mismatches.not_verified')}</p>`
      : v.rows.length === 0
        ? markup`<p>${t('mismatches.none')}</p>`
        : table(w, 'mismatches', v.rows, t('mismatches.problem'));
  return markup`${runHeading(w, v.run)}
    <h2>${t('title.mismatches')}</h2>
    ${verificationSummary(w, v.run, runBase)}
    <p><a class="csv" href="${runBase}/mismatches.csv" download>mismatches.csv</a></p>
    ${body} ${next}
    ${
      v.unverifiable.length > 0
        ? markup`<h2>${t('mismatches.unverifiable')}</h2>
          ${table(w, 'unverifiable', v.unverifiable, t('mismatches.why'))}`
        : ''
    }`;
}
