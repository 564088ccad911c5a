// Every wizard screen, and the union of every component id a submit can carry (the wizard switches on it).
import type { ChecklistComponentId } from './checklist.js';
import type { ConnectComponentId } from './connect.js';
import type { DemoComponentId } from './demo.js';
import type { FullRunComponentId } from './full-run.js';
import type { HomeComponentId } from './home.js';
import type { LanguageComponentId } from './language.js';
import type { MappingComponentId } from './mapping-summary.js';
import type { OptionsComponentId } from './options.js';
import type { PostComponentId } from './post-migration.js';
import type { ScopeComponentId } from './scope.js';

export * from './checklist.js';
export * from './common.js';
export * from './connect.js';
export * from './demo.js';
export * from './full-run.js';
export * from './home.js';
export * from './language.js';
export * from './mapping-summary.js';
export * from './not-installed.js';
export * from './options.js';
export * from './post-migration.js';
export * from './retention.js';
export * from './run-results.js';
export * from './scope.js';

export type WizardComponentId =
  | HomeComponentId
  | LanguageComponentId
  | ConnectComponentId
  | ScopeComponentId
  | MappingComponentId
  | OptionsComponentId
  | ChecklistComponentId
  | DemoComponentId
  | FullRunComponentId
  | PostComponentId;
