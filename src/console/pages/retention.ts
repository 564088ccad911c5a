// Retention on the console's overview (issue 15 §2): until when the source data and credentials are kept, or
// what was wiped when, in the same words as the canvas's full-run screen (canvas/i18n).
import { translator, type Locale } from '../../../canvas/i18n/index.js';
import { retentionState } from '../../app/retention.js';
import type { MigrationRow } from '../../db/repositories/migrations.js';
import { markup, type Html } from '../html.js';

export function retentionNote(
  m: Pick<MigrationRow, 'archive_at' | 'wiped_at' | 'source_credentials_enc'>,
  locale: Locale,
): Html {
  const state = retentionState(m);
  if (state.kind === 'none') return markup``;
  const tx = translator(locale);
  const line =
    state.kind === 'wiped'
      ? tx.t('retention.wiped', { date: tx.date(state.on) })
      : tx.t('full.archive', { date: tx.date(state.until) });
  return markup`<p id="retention">${line}</p>`;
}
