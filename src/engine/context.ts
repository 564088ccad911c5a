// What the engine needs from the outside (given by the composition root: main.ts, the CLI, or a test), and
// the per-stage context the loaders share.
import type { Knex } from 'knex';
import { z } from 'zod';
import type { IntercomClient } from '../intercom/index.js';
import type { Logger } from '../logger.js';
import { platformSchema, type Platform } from '../model/canonical.js';
import { parseSettings, type MigrationSettings } from '../settings/settings.js';
import type { SourceConnector } from '../sources/connector.js';
import type { AttachmentLinkSigner } from './attachment-links.js';
import type { RunRow } from './run-state.js';
import type { CrashHook, WriteContext } from './write-once.js';
import type { WindowSample } from './stage-window.js';

export const migrationRowSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  name: z.string(),
  source_platform: platformSchema,
  source_account: z.string().nullable(),
  settings: z.unknown(),
  status: z.string(),
});
export type MigrationRow = z.infer<typeof migrationRowSchema>;

export interface EngineDeps {
  db: Knex;
  logger: Logger;
  /** The source connector of a migration (credentials decrypted by the composition root). */
  connectorFor(migration: MigrationRow): Promise<SourceConnector>;
  /** The Intercom client of the migration's workspace. */
  intercomFor(migration: MigrationRow): Promise<IntercomClient>;
  /** Signs PUBLIC_URL/files/<jwt> links for attachments Intercom only takes as URLs. */
  links: AttachmentLinkSigner;
  /** Most tickets in flight at once (sequential within a ticket); the window below it follows the measured
   *  latency and the rate budget (engine/concurrency-window.ts). Default 256. */
  ticketConcurrency?: number;
  /** Most contacts/companies/articles (and verified records) in flight at once. Default 256. */
  recordConcurrency?: number;
  /** Memory in use (live heap + buffers) past which a stage starts no record until those in flight are done
   *  (default 192 MB). */
  memoryCeilingBytes?: number;
  /** Memory in use in bytes (default: the live heap plus ArrayBuffers, engine/stage-window.ts; tests replace it). */
  memoryUsed?: () => number;
  /** Observes each stage's window as a record is about to start (the bench's in-flight figures). */
  onWindow?: (sample: WindowSample) => void;
  /** Records per loading page (one checkpoint each). Default 50. */
  pageSize?: number;
  /** Test-only: called between an Intercom write and its ledger commit. */
  crashHook?: CrashHook;
  /** Delays before each look at Intercom after a write's outcome was lost (tests shorten them). */
  unknownOutcomeLooksMs?: readonly number[];
  /** How long Intercom's search may lag a write (FERRY_SEARCH_SETTLE_S); default 180 s. */
  searchSettleMs?: number;
  /** A stage job that has worked this long yields its worker slot to waiting jobs (FERRY_STAGE_SLICE_S):
   * it stops between records as a pause would and queues itself again. Undefined: never. */
  stageSliceMs?: number;
  /** The source's calls a minute (account-wide and bulk export), when not the vendor's documented ones:
   * they decide between per-ticket comments and the bulk comment stream. */
  sourceLimits?: { accountPerMinute?: number; exportPerMinute?: number };
  /** FERRY_RETENTION_DAYS: a completed full or delta run's source data is wiped this many days later (default 5). */
  retentionDays?: number;
}

export interface StageContext {
  deps: EngineDeps;
  db: Knex;
  logger: Logger;
  run: RunRow;
  migration: MigrationRow;
  platform: Platform;
  settings: MigrationSettings;
  connector: SourceConnector;
  intercom: IntercomClient;
  signal: AbortSignal;
  write: WriteContext;
  /** True once the run was paused or cancelled (checked between records), or the job must stop. */
  shouldStop(): boolean;
  /**
   * True once the job's time slice is over or its worker is shutting down: the stage runs again, so a long
   * record may stop between its writes (a ticket between parts) and the next job goes on from its ledger.
   * Unset (or false) where nothing runs the stage again on its own.
   */
  sliceOver?(): boolean;
}

export async function getMigration(db: Knex, migrationId: string): Promise<MigrationRow | null> {
  const row: unknown = await db('migrations').where({ id: migrationId }).first();
  return row ? migrationRowSchema.parse(row) : null;
}

export function settingsOf(migration: MigrationRow): MigrationSettings {
  return parseSettings(migration.settings);
}
