// Runs the Zendesk emulator in its own process for the bench, so the connector's memory is measured alone.
// Prints {"url": …} once listening; exits when its parent disconnects.
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';
import { startZendeskEmulator } from '../src/sandbox/zendesk/index.js';

const tickets = Number(process.argv[2] ?? 1000);
const emulator = await startZendeskEmulator({
  account: createSampleAccount({ seed: 'bench', tickets }),
  credentials: { email: 'admin@sample-support.test', token: 'bench' },
  // Test-only: the real export limit (10 a minute) would make a 10k read take minutes; the bench reports the
  // calls and the time that limit implies instead.
  exportLimitPerMinute: 1_000_000,
  rateLimitPerMinute: 1_000_000,
});
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
