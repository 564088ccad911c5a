// Starts a Zendesk emulator on 127.0.0.1 and a connector pointed at it.
import { createLogger } from '../../../src/logger.js';
import { createSampleAccount, type SampleAccount } from '../../../src/sandbox/sample-account/index.js';
import {
  startZendeskEmulator,
  type RunningZendeskEmulator,
  type ZendeskEmulatorOptions,
} from '../../../src/sandbox/zendesk/index.js';
import type { SourceConnector, Page } from '../../../src/sources/connector.js';
import {
  createZendeskConnector,
  type ZendeskAuth,
  type ZendeskTuning,
} from '../../../src/sources/zendesk/index.js';

export const ADMIN = { email: 'admin@sample-support.test', token: 'test-token-123' };
export const logger = createLogger({ logLevel: 'silent', nodeEnv: 'test' });

export interface Harness {
  account: SampleAccount;
  emulator: RunningZendeskEmulator;
  connector: SourceConnector;
  close(): Promise<void>;
}

export async function startHarness(
  o: {
    tickets?: number;
    emulator?: Partial<ZendeskEmulatorOptions>;
    auth?: ZendeskAuth;
    tuning?: ZendeskTuning;
    allowPrivateAddresses?: boolean;
  } = {},
): Promise<Harness> {
  const account = createSampleAccount({ seed: 'contract', tickets: o.tickets ?? 40 });
  const emulator = await startZendeskEmulator({
    account,
    credentials: ADMIN,
    exportLimitPerMinute: 10_000,
    ...o.emulator,
  });
  const connector = createZendeskConnector(
    {
      baseUrl: emulator.url,
      auth: o.auth ?? { kind: 'token', ...ADMIN },
      exportLimitPerMinute: 10_000,
    },
    { logger, allowCustomBaseUrl: true, allowPrivateAddresses: o.allowPrivateAddresses ?? true },
    { retryPolicy: { baseDelayMs: 5, maxDelayMs: 50 }, ...o.tuning },
  );
  return { account, emulator, connector, close: () => emulator.close() };
}

export async function readAll<P = Page<unknown>>(pages: AsyncIterable<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const p of pages) out.push(p);
  return out;
}
