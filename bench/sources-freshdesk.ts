// Bench: a full read of an emulated Freshdesk account (every stream, then the comments of every ticket whose
// comments did not come with it, as a run reads them) — API calls and credits per ticket, records per
// second, peak memory. Run alone: `npx tsx bench/sources-freshdesk.ts`
// (1k and 10k tickets, each in its own process so the peaks do not mix). The emulator runs in the same
// process, so the memory figure includes it; the rate limit is lifted (at Freshdesk's 700 calls a minute the
// wall time is calls / 700 minutes).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { EntityName } from '../src/model/canonical.js';
import type { Stream } from '../src/sources/connector.js';
import { createFreshdeskConnector } from '../src/sources/freshdesk/connector.js';
import { startFreshdeskEmulator } from '../src/sandbox/freshdesk/emulator.js';
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';

export interface FreshdeskBenchResult {
  tickets: number;
  calls: number;
  callsPerTicket: number;
  /** Credits the rate limit counts (an include costs more: QUIRKS.md, "Credits"). */
  creditsPerTicket: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
}

export async function benchFreshdeskRead(o: { tickets: number }): Promise<FreshdeskBenchResult> {
  const account = createSampleAccount({ tickets: o.tickets });
  const emulator = await startFreshdeskEmulator({ account, apiKey: 'bench', rateLimitPerMinute: 1e9 });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const started = performance.now();
  let records = 0;
  try {
    const connector = createFreshdeskConnector(
      { baseUrl: emulator.url, apiKey: 'bench' },
      { logger: pino({ level: 'silent' }), allowCustomBaseUrl: true, allowPrivateAddresses: true },
      // The emulator's export is ready at the second poll: no need for the real 5-second pause.
      { exportPollMs: 50 },
    );
    const ticketIds: string[] = [];
    for (const [name, s] of Object.entries(connector.streams) as Array<[EntityName, Stream<EntityName>]>) {
      for await (const page of s.read()) {
        records += page.records.length;
        // Comments that came with their tickets (archived ones) are kept, as the plan keeps them.
        const kept = new Set(page.comments?.map((c) => c.ticketId));
        for (const c of page.comments ?? []) records += c.comments.length;
        if (name === 'tickets')
          for (const r of page.records) if (!kept.has(s.primaryKey(r))) ticketIds.push(s.primaryKey(r));
      }
    }
    // Comments in batches, as the engine would ask for them.
    for (let i = 0; i < ticketIds.length; i += 100) {
      for await (const c of connector.readComments(ticketIds.slice(i, i + 100))) records += c.comments.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const calls = emulator.stats.calls;
    return {
      tickets: o.tickets,
      calls,
      callsPerTicket: round(calls / o.tickets, 3),
      creditsPerTicket: round(emulator.stats.credits / o.tickets, 3),
      records,
      seconds: round(seconds, 1),
      recordsPerSecond: Math.round(records / seconds),
      peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await emulator.close();
  }
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const size = process.argv[2];
  if (size) {
    // Child: one run, result to the parent.
    const result = await benchFreshdeskRead({ tickets: Number(size) });
    process.send?.(result);
    console.log(JSON.stringify(result));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  for (const tickets of [1_000, 10_000]) {
    await new Promise<void>((resolve, reject) => {
      const child = fork(self, [String(tickets)], { execArgv: process.execArgv, stdio: 'inherit' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench child exited ${code}`))));
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
