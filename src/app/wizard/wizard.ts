// The wizard's two entry points, called by POST /canvas/initialize and /canvas/submit. Story of a submit:
// who is asking and for which workspace (the signed request only), what the component asks for (flow.ts),
// run it if the teammate is an operator (a non-operator's or a replayed submit changes nothing), then show
// the next screen built fresh from the database.
import { z } from 'zod';
import type { CanvasResponse } from '../../../canvas/canvas.js';
import { LOCALES } from '../../../canvas/i18n/index.js';
import type { InitializeRequest, SubmitRequest } from '../../../canvas/requests.js';
import {
  notInstalledScreen,
  PLATFORMS,
  type PlatformId,
  type WizardScreen,
} from '../../../canvas/screens/index.js';
import { authorizeCanvasRequest } from '../canvas-auth.js';
import { execute, keepTicks, match, verifyChecklist, type Outcome } from './actions.js';
import { changesSomething, decide, screenOf, type Command } from './flow.js';
import type { WizardDeps } from './ports.js';
import { nextStep } from './progress.js';
import * as store from './store.js';
import { renderScreen, type WizardContext } from './view.js';

async function contextOf(
  deps: WizardDeps,
  request: InitializeRequest | SubmitRequest,
): Promise<WizardContext | null> {
  const actor = await authorizeCanvasRequest(deps, request);
  if (!actor.installed) return null;
  const workspaceId = actor.workspace.id;
  const { locale, chosen } = await store.localeOf(
    deps.knex,
    workspaceId,
    actor.adminId,
    request.context?.locale,
  );
  return {
    deps,
    actor,
    locale,
    chosenLocale: chosen,
    contextLocale: request.context?.locale,
    scoped: actor.migration ? { knex: deps.knex, workspaceId, migrationId: actor.migration.id } : null,
  };
}

/** POST /canvas/initialize: the home card (the first canvas). */
export async function renderWizard(deps: WizardDeps, request: InitializeRequest): Promise<CanvasResponse> {
  const ctx = await contextOf(deps, request);
  return ctx ? renderScreen(ctx, 'home') : notInstalledScreen();
}

const platformInput = z.enum(Object.keys(PLATFORMS) as [PlatformId, ...PlatformId[]]);

async function start(ctx: WizardContext, inputs: Record<string, unknown>): Promise<Outcome> {
  if (ctx.actor.migration) return { screen: 'home' };
  const platform = platformInput.safeParse(inputs.platform);
  if (!platform.success)
    return { screen: 'home', overlay: { notice: { key: 'home.choose_platform', error: true } } };
  const migration = await ctx.deps.migrations.createDraftOnce(ctx.actor.workspace.id, {
    name: `${PLATFORMS[platform.data]} migration`,
    platform: platform.data,
    createdBy: ctx.actor.adminId,
  });
  ctx.scoped = { knex: ctx.deps.knex, workspaceId: ctx.actor.workspace.id, migrationId: migration.id };
  return { screen: 'connect', overlay: { notice: { key: 'home.draft_created' } } };
}

/** Navigation: the screen asked for; entering the mappings or the checklist refreshes what Ferry checks. */
async function show(ctx: WizardContext, screen: WizardScreen | 'next'): Promise<Outcome> {
  if (!ctx.scoped) return { screen: 'home' };
  const scoped = ctx.scoped;
  let target: WizardScreen = screen === 'next' ? 'home' : screen;
  const m = await store.loadMigration(scoped);
  if (!m) return { screen: 'home' };
  if (screen === 'next') target = nextStep(store.progressOf(m), await store.runFacts(scoped));
  if (ctx.actor.isOperator && target === 'mapping' && !store.progressOf(m).mapping && m.source_account)
    return match({ ...ctx, scoped }, false, false);
  if (ctx.actor.isOperator && target === 'checklist') return verifyChecklist({ ...ctx, scoped });
  return { screen: target };
}

const languageInput = z.enum(['auto', ...LOCALES]).catch('auto');

/** A teammate's own language: theirs to choose, operator or not; the same screen redraws in it at once. */
async function chooseLanguage(
  ctx: WizardContext,
  inputs: Record<string, unknown>,
  from: WizardScreen,
): Promise<Outcome> {
  const value = languageInput.parse(inputs.language);
  await store.chooseLocale(ctx.deps.knex, ctx.actor.workspace.id, ctx.actor.adminId, value);
  const fresh = await store.localeOf(
    ctx.deps.knex,
    ctx.actor.workspace.id,
    ctx.actor.adminId,
    ctx.contextLocale,
  );
  ctx.locale = fresh.locale;
  ctx.chosenLocale = fresh.chosen;
  return { screen: from };
}

async function dispatch(
  ctx: WizardContext,
  command: Command,
  inputs: Record<string, unknown>,
  from: WizardScreen,
): Promise<Outcome> {
  if (command.kind === 'language') return chooseLanguage(ctx, inputs, from);
  // Every button submits the screen's inputs: the checklist's boxes are kept whichever button was pressed.
  if (ctx.actor.isOperator && ctx.scoped && from === 'checklist')
    await keepTicks({ ...ctx, scoped: ctx.scoped }, inputs);
  // Anything that changes something is for operators only; others see the read-only overview.
  if (changesSomething(command) && !ctx.actor.isOperator) return { screen: 'home' };
  if (command.kind === 'show') return show(ctx, command.screen);
  if (command.kind === 'start') return start(ctx, inputs);
  if (!ctx.scoped) return { screen: 'home' };
  return execute({ ...ctx, scoped: ctx.scoped }, command, inputs);
}

/** POST /canvas/submit. */
export async function handleWizardSubmit(deps: WizardDeps, request: SubmitRequest): Promise<CanvasResponse> {
  const ctx = await contextOf(deps, request);
  if (!ctx) return notInstalledScreen();
  const from = screenOf(request.current_canvas.stored_data);
  const command = decide(request.component_id, from);
  const outcome = await dispatch(ctx, command, request.input_values, from);
  return renderScreen(ctx, outcome.screen, outcome.overlay);
}
