// Issue 16's live catch-up latency case: runs bench/live/latency.measure.ts under vitest (its world is the
// live tests' one) and reports what it wrote. BENCH_LIVE_CHANGES (default 50), BENCH_LIVE_SPACING_MS (1,000).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { BenchCase } from './cases.js';

const run = promisify(execFile);

export const liveLatencyCase: BenchCase = {
  name: 'live catch-up: Zendesk change to Intercom (signed deliveries, targeted deltas)',
  async run() {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-live-bench-'));
    const out = path.join(dir, 'latency.json');
    const load = loadavg()[0]!.toFixed(2);
    try {
      await run('npx', ['vitest', 'run', '--config', 'bench/live/vitest.config.ts'], {
        env: { ...process.env, BENCH_LIVE_OUT: out },
        maxBuffer: 16 * 1024 * 1024,
      });
      const numbers = z.record(z.string(), z.number()).parse(JSON.parse(await readFile(out, 'utf8')));
      return { ...numbers, 'load average (1 min) at start': load };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
