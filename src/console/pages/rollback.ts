// "Undo this run": what deleting the run's records from Intercom would remove and keep, per entity, behind a
// confirmation; then the rollback's progress and outcome with rolled_back.csv. English and German.
import type { Locale } from '../../../canvas/i18n/index.js';
import type { RollbackStatusView } from '../../app/rollback.js';
import type { RollbackPlanLine } from '../../engine/rollback/scope.js';
import { markup, type Html } from '../html.js';
import { notice } from '../form.js';

const en = {
  title: 'Undo this run',
  intro:
    'Deletes from Intercom exactly what Ferry created in this run. What Ferry only matched (a contact, company, tag, attribute or ticket type that was there before) is kept. Attributes and the ticket type cannot be deleted in Intercom: they are archived, including the attributes Ferry added to a ticket type that was there before. Intercom cannot take a conversation attribute back out of the archive: each is first renamed "… (removed by Ferry …)", so that a later run can create it again under its name.',
  entity: 'Entity',
  remove: 'Deleted or archived',
  keep: 'Kept',
  nothing: 'Ferry created nothing in this run that is still in Intercom: there is nothing to undo.',
  confirm: 'I understand that these records are deleted from Intercom and cannot be restored.',
  submit: 'Delete from Intercom',
  readers: 'Only the operators of this migration can undo a run.',
  status: 'Rollback',
  running: 'running — reload the page to follow it',
  completed: 'completed',
  failed: 'stopped',
  deleted: 'deleted',
  archived: 'archived',
  kept: 'kept',
  csv: 'Download rolled_back.csv',
} as const;

const de: Record<keyof typeof en, string> = {
  title: 'Diesen Lauf rückgängig machen',
  intro:
    'Löscht in Intercom genau das, was Ferry in diesem Lauf angelegt hat. Was schon da war und Ferry nur zugeordnet hat (ein Kontakt, eine Firma, ein Tag, ein Attribut, ein Ticket-Typ), bleibt. Attribute und der Ticket-Typ lassen sich in Intercom nicht löschen: sie werden archiviert, auch die Attribute, die Ferry einem schon vorhandenen Ticket-Typ hinzugefügt hat. Ein Konversationsattribut holt Intercom nicht mehr aus dem Archiv: es wird zuvor in „… (removed by Ferry …)“ umbenannt, damit ein späterer Lauf es unter seinem Namen neu anlegen kann.',
  entity: 'Art',
  remove: 'Gelöscht oder archiviert',
  keep: 'Bleibt',
  nothing:
    'Ferry hat in diesem Lauf nichts angelegt, das noch in Intercom ist: es gibt nichts rückgängig zu machen.',
  confirm:
    'Mir ist klar, dass diese Datensätze in Intercom gelöscht werden und nicht wiederhergestellt werden können.',
  submit: 'In Intercom löschen',
  readers: 'Nur die Betreuer dieser Migration können einen Lauf rückgängig machen.',
  status: 'Rückgängig machen',
  running: 'läuft — laden Sie die Seite neu, um zu folgen',
  completed: 'abgeschlossen',
  failed: 'angehalten',
  deleted: 'gelöscht',
  archived: 'archiviert',
  kept: 'bleibt',
  csv: 'rolled_back.csv herunterladen',
};

export const ROLLBACK_TEXTS: Record<Locale, Record<keyof typeof en, string>> = { en, de };

export interface RollbackPageView {
  runId: string;
  plan: RollbackPlanLine[];
  rollback: RollbackStatusView | null;
  operator: boolean;
  error?: string;
}

function outcome(r: RollbackStatusView, t: Record<keyof typeof en, string>, csvHref: string): Html {
  return markup`<section id="rollback-status">
    <p>${t.status}: ${t[r.status]}${r.reason ? ` — ${r.reason}` : ''}</p>
    <ul>
      ${Object.entries(r.counts).map(
        ([entity, c]) =>
          markup`<li>${entity}: ${String(c.deleted)} ${t.deleted} · ${String(c.archived)} ${t.archived} · ${String(c.kept)} ${t.kept} · ${String(c.failed)} ✗</li>`,
      )}
    </ul>
    <p><a href="${csvHref}">${t.csv}</a></p>
  </section>`;
}

export function rollbackBody(v: RollbackPageView, base: string, locale: Locale = 'en'): Html {
  const t = ROLLBACK_TEXTS[locale];
  const href = `${base}/console/rollback/${v.runId}`;
  const form =
    v.plan.length === 0
      ? markup`<p>${t.nothing}</p>`
      : v.operator
        ? markup`<form method="post" action="${href}" id="rollback-form">
            ${notice(v.error, 'error')}
            <label><input type="checkbox" name="confirm" value="yes" /> ${t.confirm}</label>
            <button type="submit">${t.submit}</button>
          </form>`
        : markup`<p>${t.readers}</p>`;
  return markup`<h2>${t.title}</h2>
    ${v.rollback ? outcome(v.rollback, t, `${href}/rolled_back.csv`) : ''}
    <p>${t.intro}</p>
    ${
      v.plan.length === 0
        ? ''
        : markup`<table id="rollback-plan">
            <thead>
              <tr>
                <th>${t.entity}</th>
                <th>${t.remove}</th>
                <th>${t.keep}</th>
              </tr>
            </thead>
            <tbody>
              ${v.plan.map(
                (l) => markup`<tr>
                  <td>${l.entity}</td>
                  <td>${String(l.remove)}</td>
                  <td>${String(l.keep)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${v.rollback?.status === 'running' ? '' : form}`;
}
