// Which run a `ferry migrate` invocation drives: the same command after a pause (Ctrl-C, or a reason to act
// on) or a killed process resumes that run; otherwise a new run of the asked kind starts.
import type { Knex } from 'knex';
import { cancelRun, latestRun, resumeRun, startRun } from '../app/runs.js';
import type { RunKind } from '../engine/run-state.js';

export interface RunChoice {
  runId: string;
  resumed: boolean;
  /** A paused run of another kind that was cancelled to start this one. */
  cancelled?: string;
}

export async function startOrResume(db: Knex, migrationId: string, kind: RunKind): Promise<RunChoice> {
  const latest = await latestRun(db, migrationId);
  const active = latest && ['planned', 'running', 'paused'].includes(latest.status) ? latest : null;
  if (active && active.kind === kind) {
    await resumeRun(db, active.runId);
    return { runId: active.runId, resumed: true };
  }
  let cancelled: string | undefined;
  if (active) {
    await cancelRun(db, active.runId);
    cancelled = `${active.kind} run ${active.runId}`;
  }
  // The command line brings the source credentials itself: retention's wipe of the stored ones is no obstacle.
  const runId = await startRun(db, migrationId, kind, { credentials: 'given' });
  return { runId, resumed: false, ...(cancelled ? { cancelled } : {}) };
}
