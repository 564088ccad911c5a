import { pino } from 'pino';
import { createIntercomClient, createRateBudget } from '../../src/intercom/index.js';
import type { RetryPolicy } from '../../src/intercom/index.js';
import type { RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';

export const silent = pino({ level: 'silent' });

/** A client of the emulator with its own budget (so test files do not share one). */
export function clientFor(
  emu: RunningIntercomEmulator,
  o: { timeoutMs?: number; retryPolicy?: RetryPolicy; token?: string } = {},
) {
  return createIntercomClient({
    accessToken: o.token ?? emu.accessToken,
    baseUrl: emu.url,
    logger: silent,
    budget: createRateBudget(),
    timeoutMs: o.timeoutMs,
    retryPolicy: o.retryPolicy,
  });
}
