// Retention on the full-run screen (issue 15 §2): what is kept and until when, and, after the wipe, what was
// wiped and when (the ledger and reports stay either way). Operators may keep the source data longer.
import { button, submitAction, text, type Component } from '../components.js';
import type { Texts } from '../i18n/index.js';

export type RetentionComponentId = 'full_postpone';

/** How many days "keep longer" adds (the wizard's action adds the same). */
export const POSTPONE_DAYS = 7;

export interface RetentionView {
  /** When the source data and credentials are wiped (null: no full or delta run completed yet). */
  archiveAt: Date | null;
  /** When they were wiped (null or absent: not yet). */
  wipedAt?: Date | null;
  readOnly: boolean;
}

export function retentionLines(tx: Texts, v: RetentionView): Component<RetentionComponentId>[] {
  if (v.wipedAt) return [text(tx.t('retention.wiped', { date: tx.date(v.wipedAt) }), { style: 'muted' })];
  if (!v.archiveAt) return [];
  const kept = text(tx.t('full.archive', { date: tx.date(v.archiveAt) }), {
    style: 'muted',
  });
  if (v.readOnly) return [kept];
  return [
    kept,
    button('full_postpone', tx.t('retention.postpone', { days: POSTPONE_DAYS }), submitAction(), {
      style: 'secondary',
    }),
  ];
}
