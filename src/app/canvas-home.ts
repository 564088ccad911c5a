// The home canvas's use cases: render it on initialize, act on its submits. Every submit re-checks who is
// asking (authorizeCanvasRequest): a replayed submit from a teammate who is not an operator changes nothing.
import { z } from 'zod';
import type { CanvasResponse } from '../../canvas/canvas.js';
import type { InitializeRequest, SubmitRequest } from '../../canvas/requests.js';
import {
  homeScreen,
  PLATFORMS,
  type HomeComponentId,
  type HomeState,
  type PlatformId,
} from '../../canvas/screens/home.js';
import { notInstalledScreen } from '../../canvas/screens/not-installed.js';
import { authorizeCanvasRequest, type CanvasActor, type CanvasAuthDeps } from './canvas-auth.js';

export type HomeDeps = CanvasAuthDeps;
type Installed = Extract<CanvasActor, { installed: true }>;

function stateOf(actor: Installed, notice?: HomeState['notice']): HomeState {
  return { readOnly: !actor.isOperator, migration: actor.migration ?? null, ...(notice ? { notice } : {}) };
}

export async function renderHome(deps: HomeDeps, request: InitializeRequest): Promise<CanvasResponse> {
  const actor = await authorizeCanvasRequest(deps, request);
  if (!actor.installed) return notInstalledScreen();
  return homeScreen(stateOf(actor));
}

const componentId = z.enum(['platform', 'start', 'refresh'] satisfies HomeComponentId[]);
const platformInput = z.enum(Object.keys(PLATFORMS) as [PlatformId, ...PlatformId[]]);

export async function handleHomeSubmit(deps: HomeDeps, request: SubmitRequest): Promise<CanvasResponse> {
  const actor = await authorizeCanvasRequest(deps, request);
  if (!actor.installed) return notInstalledScreen();
  const id = componentId.safeParse(request.component_id);
  if (!id.success) return homeScreen(stateOf(actor));
  switch (id.data) {
    case 'platform':
    case 'refresh':
      return homeScreen(stateOf(actor));
    case 'start':
      return start(deps, actor, request.input_values);
  }
}

async function start(deps: HomeDeps, actor: Installed, inputValues: Record<string, unknown>) {
  if (!actor.isOperator || actor.migration) return homeScreen(stateOf(actor));
  const platform = platformInput.safeParse(inputValues.platform);
  if (!platform.success) {
    return homeScreen(stateOf(actor, { key: 'home.choose_platform', error: true }));
  }
  const migration = await deps.migrations.createDraftOnce(actor.workspace.id, {
    name: `${PLATFORMS[platform.data]} migration`,
    platform: platform.data,
    createdBy: actor.adminId,
  });
  return homeScreen({ ...stateOf(actor, { key: 'home.draft_created' }), migration });
}
