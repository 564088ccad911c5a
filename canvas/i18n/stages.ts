// One name per run stage, on every screen (canvas, console, CLI), in each locale: the stages that load an
// entity are named as the entity is (entity.*), the others by stage.*. Nothing else names a stage.
import type { RunStage } from '../../src/engine/run-state.js';
import { translator, type MessageKey, type Texts } from './index.js';

const STAGE_NAMES: Record<RunStage, MessageKey> = {
  plan: 'stage.plan',
  reference: 'stage.reference',
  companies: 'entity.companies',
  contacts: 'entity.contacts',
  tickets: 'entity.tickets',
  articles: 'entity.articles',
  verify: 'stage.verify',
  finalise: 'stage.finalise',
};

export function stageName(stage: RunStage, tx: Texts = translator('en')): string {
  return tx.t(STAGE_NAMES[stage]);
}
