import type { ConsoleActor } from '../../app/console/access.js';
import type { ProgressSample } from '../../app/console/reports.js';
import type { RunStatusView } from '../../app/runs.js';
import { progressChart } from '../chart.js';
import { markup, type Html } from '../html.js';
import { countersTable, runHeading } from './counters.js';

export function overviewBody(
  actor: ConsoleActor,
  run: RunStatusView | null,
  samples: ProgressSample[],
  base: string,
): Html {
  const m = actor.migration;
  if (!m) return markup`<p>No migration yet. Open Ferry in your Intercom Inbox and press Start.</p>`;
  const connected = m.source_credentials_enc
    ? markup`<p>Source: ${m.source_platform} · ${m.source_account ?? ''} · connected</p>`
    : markup`<p>
        Source: ${m.source_platform} · not connected yet —
        <a href="${base}/console/credentials">enter the credentials</a>.
      </p>`;
  return markup`<section>
      <p>Migration <strong>${m.name}</strong> · status <span class="status ${m.status}">${m.status}</span></p>
      ${connected}
    </section>
    ${
      run
        ? markup`<section>
            <h2>Latest run</h2>
            ${runHeading(run)}${countersTable(run, `${base}/console/reports/${run.runId}`)}
            <h2>Progress</h2>
            ${progressChart(samples)}
            <p><a href="${base}/console/reports/${run.runId}">Full report</a></p>
          </section>`
        : markup`<p>No run yet: the demo starts from the canvas.</p>`
    }`;
}
