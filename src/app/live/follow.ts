// Live catch-up until cutover (issue 16): follow a migration's source through its webhooks, apply what the
// deliveries name as targeted deltas, sweep periodically for what they missed, and end it all at cutover.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { sealContext, type Cipher } from '../../crypto.js';
import { InputError, NotFoundError } from '../../errors.js';
import type { SourceConnector } from '../../sources/connector.js';
import type { Targets } from '../../engine/targeted-plan.js';
import { scheduleSweep, type LiveHandlers, type LiveStep } from '../../jobs/tasks/live.js';
import { startRun } from '../runs.js';

export const DEFAULT_SWEEP_MINUTES = 15;

export interface LiveDeps {
  db: Knex;
  cipher: Cipher;
  /** The migration's source connector (its sealed credentials opened). */
  connectorFor(migrationId: string): Promise<SourceConnector>;
  publicUrl: string;
}

const subscriptionSchema = z.object({
  webhooks: z.array(z.object({ id: z.string(), secretEnc: z.string().nullable() })).default([]),
  triggers: z.array(z.string()).default([]),
  /** Freshdesk: the URL's random token (sealed); its automation deliveries carry no signature. */
  tokenEnc: z.string().optional(),
});
export type StoredSubscription = z.infer<typeof subscriptionSchema>;

const followSchema = z.object({
  migration_id: z.string(),
  status: z.enum(['following', 'stopped']),
  subscription: subscriptionSchema,
  sweep_minutes: z.number().int(),
  started_at: z.date(),
  last_delivery_at: z.date().nullable(),
  stopped_at: z.date().nullable(),
});
export type LiveFollow = z.infer<typeof followSchema>;

export async function getFollow(
  db: Knex | Knex.Transaction,
  migrationId: string,
): Promise<LiveFollow | null> {
  const row: unknown = await db('live_follows').where({ migration_id: migrationId }).first();
  return row ? followSchema.parse(row) : null;
}

/** The URL the source posts deliveries to (PUBLIC_URL's; the route is src/http/routes/live.ts). */
export function deliveryUrl(publicUrl: string, migrationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/webhooks/source/${migrationId}`;
}

/**
 * With the admin's consent: subscribes to the source's changes and schedules the first sweep. Needs a
 * completed full run (a targeted delta continues it) and a source Ferry can subscribe to itself.
 */
export async function startFollowing(
  deps: LiveDeps,
  migrationId: string,
  o: { sweepMinutes?: number; signal?: AbortSignal } = {},
): Promise<LiveFollow & { automationUrl: string | null }> {
  const existing = await getFollow(deps.db, migrationId);
  if (existing?.status === 'following')
    return { ...existing, automationUrl: automationUrl(deps, migrationId, existing.subscription) };
  const full = await deps
    .db('runs')
    .where({ migration_id: migrationId, kind: 'full', status: 'completed' })
    .first('id');
  if (!full)
    throw new InputError('Live catch-up follows a completed full migration: run it first', 'migration');
  const connector = await deps.connectorFor(migrationId);
  const context = sealContext.liveWebhookSecret(migrationId);
  let subscription: StoredSubscription;
  if (connector.live) {
    const made = await connector.live.subscribe(deliveryUrl(deps.publicUrl, migrationId), o.signal);
    subscription = {
      webhooks: made.webhooks.map((w) => ({
        id: w.id,
        secretEnc: w.secret === null ? null : deps.cipher.encrypt(w.secret, context),
      })),
      triggers: made.triggers,
    };
  } else if (connector.platform === 'freshdesk') {
    // Freshdesk's automation webhooks are created by the admin and not signed: the URL carries a long random
    // token instead (256 bits), which the delivery route compares in constant time.
    const token = randomBytes(32).toString('base64url');
    subscription = { webhooks: [], triggers: [], tokenEnc: deps.cipher.encrypt(token, context) };
  } else {
    throw new InputError(`Ferry cannot follow ${connector.platform}'s changes`, 'platform');
  }
  const sweepMinutes = o.sweepMinutes ?? DEFAULT_SWEEP_MINUTES;
  await deps.db.transaction(async (trx) => {
    await trx('live_follows')
      .insert({
        migration_id: migrationId,
        status: 'following',
        subscription: JSON.stringify(subscription),
        sweep_minutes: sweepMinutes,
        started_at: trx.fn.now(),
        stopped_at: null,
      })
      .onConflict('migration_id')
      .merge();
    await scheduleSweep(trx, migrationId, sweepMinutes * 60_000);
  });
  const follow = (await getFollow(deps.db, migrationId))!;
  return { ...follow, automationUrl: automationUrl(deps, migrationId, follow.subscription) };
}

/** Freshdesk: the URL the admin's automation rule posts to (with its token); null for other sources. */
export function automationUrl(
  deps: Pick<LiveDeps, 'cipher' | 'publicUrl'>,
  migrationId: string,
  subscription: StoredSubscription,
): string | null {
  if (!subscription.tokenEnc) return null;
  const token = deps.cipher.decrypt(subscription.tokenEnc, sealContext.liveWebhookSecret(migrationId));
  return `${deliveryUrl(deps.publicUrl, migrationId)}/${token}`;
}

/**
 * What the admin does in Freshdesk (support.freshdesk.com, "Webhooks can be triggered via the automation
 * rules that run on ticket creation and rules that run on ticket updates"); {{ticket.id}} is Freshdesk's
 * placeholder for the ticket's id.
 */
export function freshdeskAutomationSteps(url: string): string[] {
  return [
    'In Freshdesk: Admin > Workflows > Automations, on the "Ticket creation" tab and again on "Ticket updates", create a rule "Ferry live catch-up" for every ticket.',
    `Action "Trigger webhook": POST to ${url}, encoding JSON, content {"ticket_id": "{{ticket.id}}"}.`,
    'Delete both rules at cutover (ferry follow --stop ends live mode; Ferry cannot remove Freshdesk rules itself).',
  ];
}

const ACTIVE = ['planned', 'running', 'paused'];

async function hasActiveRun(db: Knex | Knex.Transaction, migrationId: string): Promise<boolean> {
  const active = await db('runs').where({ migration_id: migrationId }).whereIn('status', ACTIVE).first('id');
  return active !== undefined;
}

/**
 * Takes every pending id of the migration into one targeted delta, in the transaction that starts it: a
 * crash before the commit leaves the ids pending, after it the run resumes from its checkpoints.
 */
export async function applyPending(db: Knex, migrationId: string): Promise<LiveStep> {
  return db.transaction(async (trx) => {
    const follow = await getFollow(trx, migrationId);
    if (!follow || follow.status !== 'following') return 'stopped';
    const pending = await trx('live_pending')
      .where({ migration_id: migrationId })
      .forUpdate()
      .select<{ entity: string; source_id: string }[]>('entity', 'source_id');
    if (pending.length === 0) return 'idle';
    if (await hasActiveRun(trx, migrationId)) return 'busy';
    const targets: Targets = { tickets: [], contacts: [], companies: [] };
    for (const p of pending) {
      if (p.entity === 'tickets' || p.entity === 'contacts' || p.entity === 'companies')
        targets[p.entity].push(p.source_id);
    }
    await trx('live_pending').where({ migration_id: migrationId }).delete();
    await startRun(trx, migrationId, 'delta', { targets });
    return 'started';
  });
}

/** The periodic incremental delta: catches every change since the last sweep's watermark. */
export async function sweep(db: Knex, migrationId: string): Promise<LiveStep> {
  const follow = await getFollow(db, migrationId);
  if (!follow || follow.status !== 'following') return 'stopped';
  if (await hasActiveRun(db, migrationId)) return 'busy';
  await startRun(db, migrationId, 'delta');
  return 'started';
}

/**
 * Cutover: removes the webhooks and triggers from the source, ends live mode, then starts the last sweep
 * (after the removal, so no change made before it escapes). Returns the last sweep's run id, or null when
 * another run is active (the admin resumes or cancels it, then runs a last delta).
 */
export async function stopFollowing(
  deps: Pick<LiveDeps, 'db' | 'connectorFor'>,
  migrationId: string,
  signal?: AbortSignal,
): Promise<{ lastSweepRunId: string | null }> {
  const follow = await getFollow(deps.db, migrationId);
  if (!follow) throw new NotFoundError('This migration is not following its source');
  if (follow.status === 'following') await unsubscribe(deps, follow, signal);
  if (await hasActiveRun(deps.db, migrationId)) return { lastSweepRunId: null };
  return { lastSweepRunId: await startRun(deps.db, migrationId, 'delta') };
}

/** Removes the source's webhooks and triggers, and ends live mode (what deliveries named is dropped). */
async function unsubscribe(
  deps: Pick<LiveDeps, 'db' | 'connectorFor'>,
  follow: LiveFollow,
  signal?: AbortSignal,
): Promise<void> {
  const connector = await deps.connectorFor(follow.migration_id);
  await connector.live?.unsubscribe(follow.subscription, signal);
  await deps.db.transaction(async (trx) => {
    await trx('live_follows')
      .where({ migration_id: follow.migration_id })
      .update({ status: 'stopped', stopped_at: trx.fn.now() });
    // What the deliveries named is in the last sweep's window too.
    await trx('live_pending').where({ migration_id: follow.migration_id }).delete();
  });
}

/**
 * Uninstall: live mode of every migration of the workspace ends and the source's subscriptions are removed;
 * no last sweep (Intercom's token is gone). A source that refuses the removal does not stop the others.
 */
export async function endLiveModeOfWorkspace(
  deps: Pick<LiveDeps, 'db' | 'connectorFor'>,
  workspaceId: string,
): Promise<{ ended: number; failed: string[] }> {
  const ids = await deps
    .db('live_follows as f')
    .join('migrations as m', 'm.id', 'f.migration_id')
    .where({ 'm.workspace_id': workspaceId, 'f.status': 'following' })
    .pluck<string[]>('f.migration_id');
  const failed: string[] = [];
  for (const id of ids) {
    const follow = await getFollow(deps.db, id);
    if (!follow) continue;
    await unsubscribe(deps, follow).catch(() => failed.push(id));
  }
  return { ended: ids.length - failed.length, failed };
}

/** The job handlers of src/jobs/tasks/live.ts. */
export function liveHandlers(db: Knex): LiveHandlers {
  return {
    db,
    apply: (id) => applyPending(db, id),
    sweep: (id) => sweep(db, id),
    sweepMinutes: async (id) => (await getFollow(db, id))?.sweep_minutes ?? DEFAULT_SWEEP_MINUTES,
  };
}

/** What the canvas shows of live mode: whether it follows, when a change was last applied, and the lag. */
export interface LiveStatus {
  following: boolean;
  /** When the latest delta of live mode (targeted or sweep) finished; null before the first. */
  lastAppliedAt: Date | null;
  /** How long the oldest change not yet applied has waited (seconds); 0 when none waits. */
  lagSeconds: number;
}

/** The status with, for Freshdesk, the URL the admin's automation rule must post to. */
export type LiveView = LiveStatus & { automationUrl: string | null };

export async function liveStatus(
  db: Knex,
  migrationId: string,
  now = new Date(),
): Promise<LiveStatus | null> {
  const follow = await getFollow(db, migrationId);
  if (!follow) return null;
  const applied = await db('runs')
    .where({ migration_id: migrationId, kind: 'delta', status: 'completed' })
    .where('finished_at', '>=', follow.started_at)
    .max<{ at: Date | null }>('finished_at as at')
    .first();
  const oldest = await db('live_pending')
    .where({ migration_id: migrationId })
    .min<{ at: Date | null }>('received_at as at')
    .first();
  const lagMs = oldest?.at ? Math.max(0, now.getTime() - new Date(oldest.at).getTime()) : 0;
  return {
    following: follow.status === 'following',
    lastAppliedAt: applied?.at ? new Date(applied.at) : null,
    lagSeconds: Math.round(lagMs / 1000),
  };
}

/** The wizard's port: follow, cut over, and read the status (src/app/wizard/ports.ts LivePort). */
export function livePort(deps: LiveDeps) {
  return {
    start: async (migrationId: string): Promise<void> => {
      await startFollowing(deps, migrationId);
    },
    stop: async (migrationId: string): Promise<void> => {
      await stopFollowing(deps, migrationId);
    },
    status: async (migrationId: string): Promise<LiveView | null> => {
      const [status, follow] = await Promise.all([
        liveStatus(deps.db, migrationId),
        getFollow(deps.db, migrationId),
      ]);
      if (!status || !follow) return null;
      const url =
        follow.status === 'following' ? automationUrl(deps, migrationId, follow.subscription) : null;
      return { ...status, automationUrl: url };
    },
  };
}
