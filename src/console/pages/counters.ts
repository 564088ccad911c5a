// The per-entity counters table, in DESIGN's words: available / total / migrated / failed / skipped.
// Records the source reported deleted count in total but not in available: the total names them, so a total
// above available does not read as an error. Entities, runs and stages are named as the canvas names them.
import { MESSAGES } from '../../../canvas/i18n/index.js';
import { stageName } from '../../../canvas/i18n/stages.js';
import type { RunStatusView } from '../../app/runs.js';
import type { EntityCounters } from '../../engine/progress.js';
import { markup, type Html } from '../html.js';
import type { Words } from '../i18n.js';

/** An entity as the canvas names it ("Ticket fields", never "ticket_fields"). */
export function entityName(w: Pick<Words, 'locale'>, entity: string): string {
  const messages: Record<string, string> = MESSAGES[w.locale];
  return messages[`entity.${entity}`] ?? entity.replace(/_/g, ' ');
}

/** A ledger status as the canvas says it (migrated / failed / skipped). */
export function ledgerStatus(w: Words, status: string): string {
  const messages: Record<string, string> = MESSAGES[w.locale];
  return messages[`count.${status}`] ?? status;
}

function totalCell(w: Words, c: EntityCounters): Html {
  if (c.deletedInSource === 0) return markup`${c.total}`;
  const present = Math.max(0, c.total - c.deletedInSource);
  return markup`${c.total}
    <span class="muted">${w.t('counters.deleted', { present: String(present), deleted: String(c.deletedInSource) })}</span>`;
}

/** Migrated, and of them those that arrived with something left off (their reasons are in migrated.csv). */
function migratedCell(w: Words, c: EntityCounters, link: (status: string, n: number) => Html): Html {
  if (!c.migratedWithLosses) return link('migrated', c.migrated);
  return markup`${link('migrated', c.migrated)}
    <span class="losses">${w.t('counters.losses', { n: String(c.migratedWithLosses) })}</span>`;
}

export function countersTable(w: Words, run: RunStatusView, csvBase?: string): Html {
  const rows = Object.entries(run.counters);
  const link = (status: string, n: number) =>
    csvBase && n > 0 ? markup`<a href="${csvBase}/${status}.csv">${n}</a>` : markup`${n}`;
  const heading = (status: string) => {
    const s = ledgerStatus(w, status);
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  return markup`<table class="counters" id="counters">
    <thead>
      <tr>
        <th>${w.t('counters.entity')}</th>
        <th>${w.tx.t('count.available')}</th>
        <th>${w.tx.t('count.total')}</th>
        <th>${heading('migrated')}</th>
        <th>${heading('failed')}</th>
        <th>${heading('skipped')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([e, c]) =>
          markup`<tr>
            <th scope="row">${entityName(w, e)}</th>
            <td>${c.available ?? '—'}</td>
            <td>${totalCell(w, c)}</td>
            <td>${migratedCell(w, c, link)}</td>
            <td>${link('failed', c.failed)}</td>
            <td>${link('skipped', c.skipped)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function runHeading(w: Words, run: RunStatusView): Html {
  return markup`<p class="run-status">
    <strong>${w.tx.t(`run.${run.kind}`)}</strong> ·
    <span class="status ${run.status}">${w.tx.t(`run.status.${run.status}`)}</span>${
      run.stage ? markup` · ${w.t('run.stage', { stage: stageName(run.stage, w.tx) })}` : ''
    }${run.pauseReason ? markup` · ${run.pauseReason}` : ''}${
      run.lastError ? markup` · ${w.t('run.last_problem', { error: run.lastError })}` : ''
    }
  </p>`;
}
