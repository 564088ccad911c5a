// The teammate's own language choice, drawn at the foot of every screen: a single-select that submits on
// change (component id `language`). "Workspace" follows the workspace's Messenger language (2.11
// context.locale). The home card is a first canvas (~400 px): there it is added only when it still fits.
import { canvasResponse, type CanvasResponse } from '../canvas.js';
import { singleSelect, submitAction, type Component } from '../components.js';
import { canvasHeight } from '../height.js';
import type { Locale, Texts } from '../i18n/index.js';
import { FIRST_CANVAS_MAX_PX } from '../limits.js';

export type LanguageChoice = 'auto' | Locale;
export type LanguageComponentId = 'language';

/** Each language is named in its own words, so that a teammate who reads only one finds it. */
const NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch' };

export function languageSelect(tx: Texts, choice: LanguageChoice): Component<LanguageComponentId> {
  return singleSelect(
    'language',
    [['auto', tx.t('language.auto')], ...Object.entries(NAMES)] as [string, string][],
    { label: tx.t('language.label'), value: choice, action: submitAction() },
  );
}

/** The screen with the language choice at its foot (on a first canvas only while it fits). */
export function withLanguage<Id extends string>(
  response: CanvasResponse<Id>,
  tx: Texts,
  choice: LanguageChoice,
  firstCanvas: boolean,
): CanvasResponse<Id | LanguageComponentId> {
  const select = languageSelect(tx, choice);
  const components: Component<Id | LanguageComponentId>[] = [...response.canvas.content.components];
  if (firstCanvas && canvasHeight([...components, select]) > FIRST_CANVAS_MAX_PX) return response;
  return canvasResponse([...components, select], response.canvas.stored_data);
}
