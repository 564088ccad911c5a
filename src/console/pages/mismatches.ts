// The mismatches page: every problem the run's verification found (Intercom read back and compared with the
// source), each a sentence an admin can act on, with mismatches.csv to download; and the records Intercom
// cannot show (past 500 parts).
import type { MismatchRow } from '../../engine/verify-results.js';
import type { RunStatusView } from '../../app/runs.js';
import { markup, type Html } from '../html.js';
import { runHeading } from './counters.js';

/** The run page's line: the verification's counts and a link to the mismatches. */
export function verificationSummary(run: RunStatusView, runBase: string): Html | string {
  const v = run.verification;
  if (!v) return '';
  return markup`<p id="verification">
    Verified: ${String(v.matched)} matched · ${String(v.mismatched)} mismatched · ${String(v.unverifiable)} not
    verifiable — <a href="${runBase}/mismatches">mismatches</a>
  </p>`;
}

export interface MismatchesView {
  run: RunStatusView;
  rows: MismatchRow[];
  unverifiable: MismatchRow[];
  nextAfterId: string | null;
}

function table(id: string, rows: MismatchRow[], heading: string): Html {
  return markup`<table id="${id}">
    <thead>
      <tr>
        <th>Entity</th>
        <th>Source id</th>
        <th>Intercom id</th>
        <th>${heading}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          markup`<tr>
            <td>${r.entity}</td>
            <td>${r.source_id}</td>
            <td>${r.target_id ?? ''}</td>
            <td>${r.problem}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function mismatchesBody(v: MismatchesView, base: string): Html {
  const runBase = `${base}/console/reports/${v.run.runId}`;
  const next = v.nextAfterId
    ? markup`<a id="next-page" href="${runBase}/mismatches?after=${v.nextAfterId}">Next ${'›'}</a>`
    : '';
  const body =
    v.run.verification == null
      ? markup`<p>This run was not verified yet: verification runs at the end of every run.</p>`
      : v.rows.length === 0
        ? markup`<p>No mismatch: every record Ferry wrote reads back from Intercom as the source has it.</p>`
        : table('mismatches', v.rows, 'Problem');
  return markup`${runHeading(v.run)}
    <h2>Mismatches</h2>
    ${verificationSummary(v.run, runBase)}
    <p><a class="csv" href="${runBase}/mismatches.csv" download>mismatches.csv</a></p>
    ${body} ${next}
    ${
      v.unverifiable.length > 0
        ? markup`<h2>Not verifiable</h2>
          ${table('unverifiable', v.unverifiable, 'Why')}`
        : ''
    }`;
}
