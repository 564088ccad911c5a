// Bench: a full bulk-mode read of an emulated Zendesk account (every stream the engine reads in bulk mode:
// people, companies, groups, fields, tags, tickets, comments through the events export, help center).
// Reports API calls per ticket (target ≤ 0.1), records per second and peak memory (target: flat from 1k to
// 10k tickets). The emulator runs in a child process so the memory measured is the connector's.
// Run alone: node --expose-gc --import tsx bench/sources-zendesk.ts [tickets…]  (each size in a fresh process
// gives the fairest memory comparison)
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/logger.js';
import type { Page, Stream } from '../src/sources/connector.js';
import type { EntityName } from '../src/model/canonical.js';
import { createZendeskConnector } from '../src/sources/zendesk/index.js';

export interface ZendeskReadBench {
  tickets: number;
  calls: number;
  callsPerTicket: number;
  /** Calls to the incremental exports (Zendesk allows 10 a minute). */
  exportCalls: number;
  /** What the export calls alone would take at Zendesk's real 10-a-minute limit. */
  minutesAtRealExportLimit: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap still in use after a forced GC, sampled every 10 pages (needs node --expose-gc; else null). */
  peakRetainedHeapMb: number | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function startEmulatorProcess(tickets: number): Promise<{ url: string; stop(): void }> {
  const child = fork(path.join(here, 'zendesk-emulator-process.ts'), [String(tickets)], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env['BENCH_PROFILE']
        ? ['--cpu-prof', '--cpu-prof-dir=' + process.env['BENCH_PROFILE']]
        : []),
    ],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { url, stop: () => child.disconnect() };
}

export async function benchZendeskRead({ tickets }: { tickets: number }): Promise<ZendeskReadBench> {
  const emulator = await startEmulatorProcess(tickets);
  let calls = 0;
  let exportCalls = 0;
  const connector = createZendeskConnector(
    {
      baseUrl: emulator.url,
      auth: { kind: 'token', email: 'admin@sample-support.test', token: 'bench' },
      exportLimitPerMinute: 1_000_000,
    },
    {
      logger: createLogger({ logLevel: 'silent', nodeEnv: 'test' }),
      allowCustomBaseUrl: true,
      allowPrivateAddresses: true,
    },
    {
      onRequest: (url) => {
        calls++;
        if (url.includes('/incremental/')) exportCalls++;
      },
    },
  );
  global.gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  let records = 0;
  let pages = 0;
  let retained: number | null = null;
  try {
    const s = connector.streams;
    const bulk: Array<Stream<EntityName> | undefined> = [
      s.contacts,
      s.agents,
      s.companies,
      s.groups,
      s.ticket_fields,
      s.contact_fields,
      s.company_fields,
      s.tags,
      s.tickets,
      connector.commentEvents,
      s.categories,
      s.sections,
      s.articles,
    ] as Array<Stream<EntityName> | undefined>;
    for (const stream of bulk) {
      // Pages are counted and dropped, as the engine stages them: nothing accumulates here.
      for await (const page of stream!.read() as AsyncIterable<Page<unknown>>) {
        records += page.records.length + page.deletedIds.length;
        sample();
        if (global.gc && ++pages % 10 === 0) {
          global.gc();
          retained = Math.max(retained ?? 0, process.memoryUsage().heapUsed);
        }
      }
    }
  } finally {
    clearInterval(sampler);
    emulator.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    tickets,
    calls,
    callsPerTicket: Math.round((calls / tickets) * 10_000) / 10_000,
    exportCalls,
    minutesAtRealExportLimit: Math.round((exportCalls / 10) * 10) / 10,
    records,
    seconds: Math.round(seconds * 100) / 100,
    recordsPerSecond: Math.round(records / seconds),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    peakHeapMb: Math.round(peakHeap / 1024 / 1024),
    peakRetainedHeapMb: retained === null ? null : Math.round(retained / 1024 / 1024),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const tickets of sizes.length > 0 ? sizes : [1000, 10_000]) {
    console.log(JSON.stringify(await benchZendeskRead({ tickets })));
  }
}
