// The wizard's state machine, pure: a submit's component_id (and the screen named in stored_data, used only
// to know which screen Refresh re-renders) becomes one command. Commands that change something run only for
// an operator (wizard.ts); the rest is navigation, which anyone may do and which changes nothing.
import { z } from 'zod';
import { SCREENS, type WizardComponentId, type WizardScreen } from '../../../canvas/screens/index.js';

export type RunCommand = 'demo' | 'full' | 'delta';
export type ControlCommand = 'pause' | 'resume' | 'cancel';

export type Command =
  | { kind: 'show'; screen: WizardScreen | 'next' }
  | { kind: 'start' }
  | { kind: 'language' }
  | { kind: 'connect' }
  | { kind: 'save_scope' }
  | { kind: 'match'; createMissing: boolean }
  | { kind: 'mapping_done' }
  | { kind: 'save_options' }
  | { kind: 'save_checklist' }
  | { kind: 'checklist_next' }
  | { kind: 'verify' }
  | { kind: 'run'; run: RunCommand }
  | { kind: 'control'; action: ControlCommand }
  | { kind: 'save_post' }
  | { kind: 'postpone' }
  | { kind: 'live'; action: 'follow' | 'cutover' };

const COMMANDS: Record<WizardComponentId, Command | 'refresh' | null> = {
  // Navigation.
  refresh: 'refresh',
  home: { kind: 'show', screen: 'home' },
  next_step: { kind: 'show', screen: 'next' },
  connect_next: { kind: 'show', screen: 'scope' },
  demo_edit: { kind: 'show', screen: 'scope' },
  demo_next: { kind: 'show', screen: 'checklist' },
  full_checklist: { kind: 'show', screen: 'checklist' },
  full_post: { kind: 'show', screen: 'post' },
  // A teammate's own language (anyone's to choose).
  language: { kind: 'language' },
  // Changes (operators only).
  start: { kind: 'start' },
  connect_test: { kind: 'connect' },
  scope_save: { kind: 'save_scope' },
  mapping_rematch: { kind: 'match', createMissing: false },
  mapping_create_attributes: { kind: 'match', createMissing: true },
  mapping_next: { kind: 'mapping_done' },
  options_save: { kind: 'save_options' },
  checklist_save: { kind: 'save_checklist' },
  checklist_next: { kind: 'checklist_next' },
  checklist_verify: { kind: 'verify' },
  demo_start: { kind: 'run', run: 'demo' },
  demo_rerun: { kind: 'run', run: 'demo' },
  full_start: { kind: 'run', run: 'full' },
  full_delta: { kind: 'run', run: 'delta' },
  home_delta: { kind: 'run', run: 'delta' },
  post_delta: { kind: 'run', run: 'delta' },
  full_pause: { kind: 'control', action: 'pause' },
  full_resume: { kind: 'control', action: 'resume' },
  full_cancel: { kind: 'control', action: 'cancel' },
  post_save: { kind: 'save_post' },
  full_postpone: { kind: 'postpone' },
  post_follow: { kind: 'live', action: 'follow' },
  post_cutover: { kind: 'live', action: 'cutover' },
  // Inputs and url buttons never submit by themselves.
  platform: null,
  connect_platform: null,
  connect_subdomain: null,
  connect_secret: null,
  scope_entities: null,
  scope_target: null,
  scope_from: null,
  scope_to: null,
  scope_filters: null,
  mapping_review: null,
  options_flags: null,
  options_tag: null,
  options_inactive: null,
  options_attachments: null,
  options_redirects: null,
  checklist_items: null,
  checklist_agree: null,
  post_items: null,
  post_reports: null,
  post_url_map: null,
  full_confirm: null,
  full_undo: null,
  full_clear_demo: null,
};

const screenSchema = z.enum(SCREENS).catch('home');

/** The screen a submit came from, as stored_data says (navigation only; never trusted for data). */
export function screenOf(storedData: Record<string, unknown> | undefined): WizardScreen {
  return screenSchema.parse(storedData?.screen);
}

export function decide(componentId: string, from: WizardScreen): Command {
  const entry = Object.hasOwn(COMMANDS, componentId) ? COMMANDS[componentId as WizardComponentId] : null;
  if (entry === 'refresh') return { kind: 'show', screen: from };
  return entry ?? { kind: 'show', screen: from };
}

/** Changes to the migration (a teammate's own language is not one). */
export const changesSomething = (c: Command): boolean => c.kind !== 'show' && c.kind !== 'language';
