// Live catch-up's jobs (issue 16). live.apply is debounced: every delivery enqueues it under one job key per
// migration with job_key_mode preserve_run_at, so a burst of deliveries becomes one job a few seconds after
// the first, which starts one targeted delta for every id received so far. live.sweep is the periodic
// incremental delta that catches what a lost delivery never announced. The use cases are the app's (given
// by the composition root): jobs orchestrate, they do not reach up into app/.
import type { Knex } from 'knex';
import { z } from 'zod';
import { defineTask, enqueue } from '../runner/index.js';
import { migrationFlag } from './run-stage.js';

/** 'busy': another run of the migration is active, try again shortly; 'stopped': live mode ended. */
export type LiveStep = 'started' | 'idle' | 'busy' | 'stopped';

export interface LiveHandlers {
  db: Knex;
  apply(migrationId: string): Promise<LiveStep>;
  sweep(migrationId: string): Promise<LiveStep>;
  /** Minutes between sweeps of this migration. */
  sweepMinutes(migrationId: string): Promise<number>;
}

const payload = z.object({ migrationId: z.string().uuid() });
/** How long a burst of deliveries is gathered before one targeted delta takes it. */
export const DEBOUNCE_MS = 3_000;
/** How soon a job that found another run active looks again. */
const BUSY_RETRY_MS = 5_000;

let handlers: LiveHandlers | null = null;

export function configureLiveTasks(h: LiveHandlers): void {
  handlers = h;
}

function configured(): LiveHandlers {
  if (!handlers) throw new Error('live tasks are not configured: call configureLiveTasks first');
  return handlers;
}

export const liveApplyTask = defineTask('live.apply', payload, async ({ migrationId }, helpers) => {
  const step = await configured().apply(migrationId);
  helpers.logger.info({ migrationId, step }, 'live catch-up: pending changes');
  if (step === 'busy') await scheduleApply(configured().db, migrationId, BUSY_RETRY_MS);
});

export const liveSweepTask = defineTask('live.sweep', payload, async ({ migrationId }, helpers) => {
  const h = configured();
  const step = await h.sweep(migrationId);
  helpers.logger.info({ migrationId, step }, 'live catch-up: sweep');
  if (step === 'stopped') return;
  const later = step === 'busy' ? BUSY_RETRY_MS : (await h.sweepMinutes(migrationId)) * 60_000;
  await scheduleSweep(h.db, migrationId, later);
});

/**
 * Enqueues the migration's apply job `delayMs` ahead, unless one is already waiting: its run_at is kept
 * (preserve_run_at), so deliveries arriving meanwhile join it instead of pushing it back for ever.
 */
export async function scheduleApply(
  knex: Knex | Knex.Transaction,
  migrationId: string,
  delayMs = DEBOUNCE_MS,
): Promise<void> {
  await enqueue(
    knex,
    liveApplyTask,
    { migrationId },
    {
      jobKey: `live-apply:${migrationId}`,
      jobKeyMode: 'preserve_run_at',
      runAt: new Date(Date.now() + delayMs),
      flags: [migrationFlag(migrationId)],
    },
  );
}

export async function scheduleSweep(
  knex: Knex | Knex.Transaction,
  migrationId: string,
  delayMs: number,
): Promise<void> {
  await enqueue(
    knex,
    liveSweepTask,
    { migrationId },
    {
      jobKey: `live-sweep:${migrationId}`,
      runAt: new Date(Date.now() + delayMs),
      flags: [migrationFlag(migrationId)],
    },
  );
}
