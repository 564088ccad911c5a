import type { ConsoleActor } from '../../app/console/access.js';
import type { ProgressSample } from '../../app/console/reports.js';
import type { RunStatusView } from '../../app/runs.js';
import { progressChart } from '../chart.js';
import { markup, type Html } from '../html.js';
import type { ConsoleKey, ConsoleT, Words } from '../i18n.js';
import { countersTable, runHeading } from './counters.js';
import { retentionNote } from './retention.js';

const STATUSES = ['draft', 'ready', 'running', 'paused', 'demo_done', 'completed', 'archived', 'cancelled'];

/** The migration's status as people read it ("demo done" until a full migration completed: engine/run-state). */
export function statusLabel(t: ConsoleT, status: string): { css: string; text: string } {
  return {
    css: status === 'demo_done' ? 'ready' : status,
    text: STATUSES.includes(status) ? t(`status.${status}` as ConsoleKey) : status,
  };
}

export function overviewBody(
  actor: ConsoleActor,
  run: RunStatusView | null,
  samples: ProgressSample[],
  base: string,
  o: Words,
): Html {
  const { t } = o;
  const m = actor.migration;
  if (!m) return markup`<p>${t('overview.none')}</p>`;
  const connected = m.source_credentials_enc
    ? markup`<p>${t('overview.source')}: ${m.source_platform} · ${m.source_account ?? ''} · ${t('overview.connected')}</p>`
    : markup`<p>
        ${t('overview.source')}: ${m.source_platform} · ${t('overview.not_connected')}
        <a href="${base}/console/credentials">${t('overview.enter_credentials')}</a>.
      </p>`;
  const status = statusLabel(t, m.status);
  return markup`<section>
      <p>
        ${t('overview.migration')} <strong>${m.name}</strong> · ${t('overview.status')}
        <span class="status ${status.css}" id="migration-status">${status.text}</span>
      </p>
      ${connected}
      ${retentionNote(m, o.locale)}
    </section>
    ${
      run
        ? markup`<section>
            <h2>${t('overview.latest_run')}</h2>
            ${runHeading(o, run)}${countersTable(o, run, `${base}/console/reports/${run.runId}`)}
            <h2>${t('overview.progress')}</h2>
            ${progressChart(samples, o)}
            <p><a href="${base}/console/reports/${run.runId}">${t('overview.full_report')}</a></p>
          </section>`
        : markup`<p>${t('overview.no_run')}</p>`
    }`;
}
