// Bench (issue 12, source side): per-ticket reads of each source at 0, 100, 200 and 500 ms answer latency
// (± 25 % jitter, the emulators' latency module), under the plan's rate limit compressed in time (the same
// calls a second as 700 a minute, counted in 15-second windows, so a case spans several windows):
// - Freshdesk: a full read as a run does it (tickets stream, archived tickets with their conversations,
//   then each live ticket's view with include=conversations), 700 credits a minute (Enterprise);
// - Zendesk: each ticket's comments read per ticket (Zendesk reads per ticket for small runs; the bulk
//   export of big ones is bound by its own 10 calls a minute), 700 requests a minute (Enterprise), twice
//   the tickets (a call each, not two credits) so that the read spans as many windows.
// Reported: calls (and Freshdesk credits) per ticket, the share of the limit used in the windows the read
// spanned whole (wholeWindows; Freshdesk counts refused calls too, Zendesk only served ones), the share of
// calls answered 429. Freshdesk's 429s are about one per window: with 60-second windows, a quarter of this
// share (Zendesk names the window's end, so its paced reads wait for it instead).
// Run alone: `npx tsx bench/sources-latency.ts [tickets]` (BENCH_PLATFORMS=zendesk for one source).
import express from 'express';
import { pino } from 'pino';
import type { RequestListener } from 'node:http';
import type { Ticket } from '../src/model/canonical.js';
import type { Page } from '../src/sources/connector.js';
import { createFreshdeskConnector } from '../src/sources/freshdesk/connector.js';
import { createZendeskConnector } from '../src/sources/zendesk/index.js';
import { createFreshdeskEmulator } from '../src/sandbox/freshdesk/emulator.js';
import { createZendeskEmulator } from '../src/sandbox/zendesk/index.js';
import { uniformLatency } from '../src/sandbox/latency.js';
import { listenOnLoopback } from '../src/sandbox/listen.js';
import { createSampleAccount } from '../src/sandbox/sample-account/index.js';
import type { BenchCase } from './cases.js';

export const LATENCIES_MS = [0, 100, 200, 500];
const PER_MINUTE = 700;
const WINDOW_MS = 15_000;
const PER_WINDOW = Math.round((PER_MINUTE * WINDOW_MS) / 60_000);
const logger = pino({ level: 'silent' });
const ctx = { logger, allowCustomBaseUrl: true, allowPrivateAddresses: true };

/** Serves an emulator app, counting the answers with status 429 (what the rate limit refused). */
async function serveCounting(app: RequestListener) {
  const outer = express();
  const counted = { answers: 0, refused: 0 };
  outer.use((_req, res, next) => {
    res.on('finish', () => {
      counted.answers++;
      if (res.statusCode === 429) counted.refused++;
    });
    next();
  });
  outer.use(app);
  return { ...(await listenOnLoopback(outer)), counted };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The share of the limit used in the rate windows the read spanned whole (the emulator's windows start when
 * it is created, just before the read): the first window's allowance is there at once and the last is cut
 * short, so both are left out.
 */
function wholeWindows(used: () => number): { ofLimit(): number; stop(): void } {
  const marks: number[] = [];
  const timer = setInterval(() => marks.push(used()), WINDOW_MS);
  return {
    ofLimit: () => (marks.length < 2 ? NaN : (marks.at(-1)! - marks[0]!) / ((marks.length - 1) * PER_WINDOW)),
    stop: () => clearInterval(timer),
  };
}

export async function freshdeskAtLatency(tickets: number, latencyMs: number) {
  const account = createSampleAccount({ seed: 'bench', tickets });
  const emulator = createFreshdeskEmulator({
    account,
    apiKey: 'bench',
    rateLimitPerMinute: PER_WINDOW,
    rateLimitWindowMs: WINDOW_MS,
    latency: uniformLatency(latencyMs, latencyMs / 4),
    exportPolls: 1,
  });
  const server = await serveCounting(emulator.app);
  try {
    const connector = createFreshdeskConnector({ baseUrl: server.url, apiKey: 'bench' }, ctx, {
      exportPollMs: 50,
    });
    const started = performance.now();
    const creditsBefore = emulator.stats.credits;
    const callsBefore = emulator.stats.calls;
    const windows = wholeWindows(() => emulator.stats.credits);
    const pages: Page<Ticket>[] = [];
    for await (const p of connector.streams.tickets!.read()) pages.push(p);
    const came = new Set(pages.flatMap((p) => p.comments ?? []).map((c) => c.ticketId));
    const rest = pages.flatMap((p) => p.records.map((t) => t.id)).filter((id) => !came.has(id));
    for await (const c of connector.readComments(rest)) void c;
    const seconds = (performance.now() - started) / 1000;
    windows.stop();
    const credits = emulator.stats.credits - creditsBefore;
    const calls = emulator.stats.calls - callsBefore;
    return {
      callsPerTicket: round(calls / tickets, 3),
      creditsPerTicket: round(credits / tickets, 3),
      ofLimit: round(windows.ofLimit()),
      share429: round(emulator.stats.rateLimited / calls, 4),
      seconds: round(seconds, 1),
    };
  } finally {
    await server.close();
  }
}

export async function zendeskAtLatency(tickets: number, latencyMs: number) {
  const account = createSampleAccount({ seed: 'bench', tickets });
  const credentials = { email: 'admin@sample-support.test', token: 'bench' };
  const emulator = createZendeskEmulator({
    account,
    credentials,
    rateLimitPerMinute: PER_WINDOW,
    rateWindowMs: WINDOW_MS,
    exportLimitPerMinute: 1_000_000,
    latency: uniformLatency(latencyMs, latencyMs / 4),
  });
  const server = await serveCounting(emulator.app);
  try {
    const connector = createZendeskConnector(
      { baseUrl: server.url, auth: { kind: 'token', ...credentials }, exportLimitPerMinute: 1_000_000 },
      ctx,
    );
    const ids = Array.from({ length: tickets }, (_, i) => account.ticket(i))
      .filter((t) => t.status !== 'deleted')
      .map((t) => t.id);
    const before = { ...server.counted };
    const started = performance.now();
    // Zendesk counts the calls it serves, not the ones it refuses.
    const windows = wholeWindows(() => server.counted.answers - server.counted.refused);
    for await (const c of connector.readComments(ids)) void c;
    const seconds = (performance.now() - started) / 1000;
    windows.stop();
    const calls = server.counted.answers - before.answers;
    return {
      callsPerTicket: round(calls / ids.length, 3),
      ofLimit: round(windows.ofLimit()),
      share429: round((server.counted.refused - before.refused) / calls, 4),
      seconds: round(seconds, 1),
    };
  } finally {
    await server.close();
  }
}

const TICKETS = Number(process.env.BENCH_LATENCY_TICKETS ?? 300);

function latencyCase(platform: 'freshdesk' | 'zendesk'): BenchCase {
  return {
    name: `sources: ${platform} per-ticket reads at ${LATENCIES_MS.join('/')} ms (${TICKETS} tickets, ${PER_MINUTE}/min)`,
    async run() {
      const row: Record<string, number | string> = {};
      for (const ms of LATENCIES_MS) {
        const r =
          platform === 'freshdesk'
            ? await freshdeskAtLatency(TICKETS, ms)
            : await zendeskAtLatency(2 * TICKETS, ms);
        for (const [k, v] of Object.entries(r)) row[`${ms} ms: ${k}`] = v;
      }
      return row;
    },
  };
}

export const sourceLatencyCases: BenchCase[] = [latencyCase('freshdesk'), latencyCase('zendesk')];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const tickets = Number(process.argv[2] ?? TICKETS);
  const platforms = (process.env.BENCH_PLATFORMS ?? 'freshdesk,zendesk').split(',');
  for (const ms of (process.env.BENCH_LATENCIES ?? LATENCIES_MS.join(',')).split(',').map(Number)) {
    if (platforms.includes('freshdesk'))
      console.log(JSON.stringify({ platform: 'freshdesk', ms, ...(await freshdeskAtLatency(tickets, ms)) }));
    if (platforms.includes('zendesk'))
      console.log(JSON.stringify({ platform: 'zendesk', ms, ...(await zendeskAtLatency(2 * tickets, ms)) }));
  }
}
