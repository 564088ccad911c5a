// Test harness: a Freshdesk emulator on 127.0.0.1:0 with a small sample account, and a connector pointed
// at it with short waits, so every test reads a whole help desk in well under a second.
import { pino } from 'pino';
import type { EntityName, EntityRecordMap } from '../../../src/model/canonical.js';
import type { Page, ReadOptions, Stream } from '../../../src/sources/connector.js';
import { createFreshdeskConnector, type FreshdeskTuning } from '../../../src/sources/freshdesk/connector.js';
import { FRESHDESK_RETRY_POLICY } from '../../../src/sources/freshdesk/retry.js';
import {
  startFreshdeskEmulator,
  type FreshdeskEmulatorOptions,
  type RunningFreshdeskEmulator,
} from '../../../src/sandbox/freshdesk/emulator.js';
import { createSampleAccount, type SampleAccount } from '../../../src/sandbox/sample-account/index.js';

export const API_KEY = 'test-admin-key';
export const AGENT_KEY = 'test-agent-key';
export const silent = pino({ level: 'silent' });
export const FAST_RETRY = { ...FRESHDESK_RETRY_POLICY, baseDelayMs: 2, maxDelayMs: 10 };

export interface Harness {
  account: SampleAccount;
  emulator: RunningFreshdeskEmulator;
  connector: ReturnType<typeof createFreshdeskConnector>;
  close(): Promise<void>;
}

export async function startHarness(
  o: {
    tickets?: number;
    emulator?: Partial<FreshdeskEmulatorOptions>;
    tuning?: FreshdeskTuning;
    apiKey?: string;
    allowPrivateAddresses?: boolean;
  } = {},
): Promise<Harness> {
  const account = createSampleAccount({ tickets: o.tickets ?? 60 });
  const emulator = await startFreshdeskEmulator({
    account,
    apiKey: API_KEY,
    agentApiKeys: [AGENT_KEY],
    exportPolls: 2,
    ...o.emulator,
  });
  const connector = createFreshdeskConnector(
    { baseUrl: emulator.url, apiKey: o.apiKey ?? API_KEY },
    { logger: silent, allowCustomBaseUrl: true, allowPrivateAddresses: o.allowPrivateAddresses ?? true },
    { retry: FAST_RETRY, exportPollMs: 5, ...o.tuning },
  );
  return { account, emulator, connector, close: () => emulator.close() };
}

export async function readAll<E extends EntityName>(
  s: Stream<E>,
  options: ReadOptions = {},
): Promise<Array<Page<EntityRecordMap[E]>>> {
  const pages: Array<Page<EntityRecordMap[E]>> = [];
  for await (const p of s.read(options)) pages.push(p);
  return pages;
}

export const recordsOf = <T>(pages: Array<Page<T>>): T[] => pages.flatMap((p) => p.records);

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
