// Builds the engine's dependencies against the emulators: shared by the in-process harness and the worker
// child process the crash tests kill.
import type { Knex } from 'knex';
import type { Logger } from '../../src/logger.js';
import { createIntercomClient } from '../../src/intercom/index.js';
import { createRateBudget } from '../../src/intercom/rate-budget.js';
import { createFreshdeskConnector } from '../../src/sources/freshdesk/connector.js';
import { FRESHDESK_RETRY_POLICY } from '../../src/sources/freshdesk/retry.js';
import { createZendeskConnector } from '../../src/sources/zendesk/index.js';
import type { SourceConnector } from '../../src/sources/connector.js';
import { attachmentLinkSigner } from '../../src/engine/attachment-links.js';
import type { EngineDeps } from '../../src/engine/context.js';
import type { CrashHook } from '../../src/engine/write-once.js';

export const FRESHDESK_KEY = 'engine-test-key';
export const LINK_SECRET = 'engine-test-link-secret';
export const ZENDESK_ADMIN = { email: 'admin@sample-support.test', token: 'engine-test-token' };

export interface DepsOptions {
  db: Knex;
  logger: Logger;
  freshdeskUrl: string;
  /** When set, the source is this Zendesk emulator instead of Freshdesk. */
  zendesk?: { url: string; exportPerMinute: number } | undefined;
  intercomUrl: string;
  intercomToken: string;
  publicUrl: string;
  crashHook?: CrashHook | undefined;
  ticketConcurrency?: number | undefined;
  /** FERRY_SEARCH_SETTLE_S in ms: longer than the emulator's search lag (DEFAULT_TEST_SEARCH_LAG_MS). */
  searchSettleMs?: number | undefined;
  activityNow?: Date | undefined;
}

/** The Intercom emulator's search lag in the engine tests: real, and short enough to keep them fast. */
export const DEFAULT_TEST_SEARCH_LAG_MS = 2_000;
export const DEFAULT_TEST_SEARCH_SETTLE_MS = 3_000;

export function buildEngineDeps(o: DepsOptions): EngineDeps & { connector: SourceConnector } {
  const connector = o.zendesk
    ? createZendeskConnector(
        {
          baseUrl: o.zendesk.url,
          auth: { kind: 'token', ...ZENDESK_ADMIN },
          exportLimitPerMinute: o.zendesk.exportPerMinute,
        },
        { logger: o.logger, allowCustomBaseUrl: true, allowPrivateAddresses: true },
        { retryPolicy: { baseDelayMs: 5, maxDelayMs: 50 } },
      )
    : createFreshdeskConnector(
        { baseUrl: o.freshdeskUrl, apiKey: FRESHDESK_KEY },
        { logger: o.logger, allowCustomBaseUrl: true, allowPrivateAddresses: true },
        {
          retry: { ...FRESHDESK_RETRY_POLICY, baseDelayMs: 2, maxDelayMs: 20 },
          exportPollMs: 5,
          ...(o.activityNow ? { activityNow: () => o.activityNow! } : {}),
        },
      );
  const budget = createRateBudget();
  const intercom = createIntercomClient({
    accessToken: o.intercomToken,
    baseUrl: o.intercomUrl,
    logger: o.logger,
    budget,
    timeoutMs: 15_000,
    retryPolicy: { maxAttempts: 10, baseDelayMs: 10, maxDelayMs: 200, resetJitterMs: 10 },
  });
  return {
    connector,
    db: o.db,
    logger: o.logger,
    connectorFor: async () => connector,
    intercomFor: async () => intercom,
    links: attachmentLinkSigner({ publicUrl: o.publicUrl, secret: LINK_SECRET }),
    ticketConcurrency: o.ticketConcurrency ?? 8,
    pageSize: 10,
    unknownOutcomeLooksMs: [0, 100],
    searchSettleMs: o.searchSettleMs ?? DEFAULT_TEST_SEARCH_SETTLE_MS,
    ...(o.crashHook ? { crashHook: o.crashHook } : {}),
    ...(o.zendesk ? { sourceLimits: { exportPerMinute: o.zendesk.exportPerMinute } } : {}),
  };
}
