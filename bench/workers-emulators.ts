// The emulators of the workers bench, in their own process: one Freshdesk account (its rate limit lifted: the
// source is not what this bench measures) and BENCH_WORKSPACES Intercom workspaces, each an emulator with its
// own token and the app's limit (1,666 calls per 10 s), answering after BENCH_LATENCY_MS ± 50 %. Started by
// bench/workers.ts over IPC: "ready" with the URLs, then "stats" on request.
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';
import { createIntercomEmulator } from '../src/sandbox/intercom/index.js';
import { startFreshdeskEmulator } from '../src/sandbox/freshdesk/emulator.js';
import { listenOnLoopback } from '../src/sandbox/listen.js';
import { uniformLatency } from '../src/sandbox/latency.js';

export interface WorkspaceEmulator {
  url: string;
  token: string;
  workspaceId: string;
}

const tickets = Number(process.env.BENCH_TICKETS ?? 20);
const workspaces = Number(process.env.BENCH_WORKSPACES ?? 10);
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 200);
const account = createSampleAccount({ seed: 'bench', tickets });
const freshdesk = await startFreshdeskEmulator({
  account,
  apiKey: process.env.BENCH_FRESHDESK_KEY ?? 'bench-key',
  rateLimitPerMinute: 100_000,
});
const emulators = await Promise.all(
  Array.from({ length: workspaces }, async (_, i) => {
    const token = `bench-token-${i}`;
    const workspaceId = `benchws${i}`;
    const emulator = createIntercomEmulator({
      accessToken: token,
      workspaceId,
      rateLimit: { limit: 1666, windowMs: 10_000 },
      latency: uniformLatency(latencyMs, latencyMs / 2),
    });
    const server = await listenOnLoopback(emulator.app);
    return { emulator, ready: { url: server.url, token, workspaceId } satisfies WorkspaceEmulator };
  }),
);

process.on('message', (m: { type: string }) => {
  if (m.type !== 'stats') return;
  process.send!({
    type: 'stats',
    data: emulators.map(({ emulator }) => ({
      calls: emulator.state.requests.filter((r) => r.status !== 429).length,
      rateLimited: emulator.state.requests.filter((r) => r.status === 429).length,
      tickets: emulator.state.tickets.size,
    })),
  });
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready', freshdeskUrl: freshdesk.url, workspaces: emulators.map((e) => e.ready) });
