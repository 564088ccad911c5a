// Runs the run stages in a child process (worker-child.ts) that SIGKILLs itself where
// FERRY_TEST_KILL_AFTER_WRITES says: right after its Nth Intercom write (of one ledger entity), before the
// ledger commit. Shared by the crash tests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineHarness } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function workerUntilKilled(
  h: EngineHarness,
  killAfter: string,
): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'worker-child.ts')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      FERRY_TEST_KILL_AFTER_WRITES: killAfter,
      ENGINE_DB_URL: h.db.url,
      ENGINE_FRESHDESK_URL: h.freshdesk.url,
      ENGINE_INTERCOM_URL: h.intercom.url,
      ENGINE_INTERCOM_TOKEN: h.intercom.accessToken,
      ENGINE_PUBLIC_URL: h.publicUrl,
      ENGINE_SEARCH_SETTLE_MS: String(h.searchSettleMs),
    },
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
}
