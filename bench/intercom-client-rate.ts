// 20 concurrent callers of one Intercom client vs the emulator's 1,000-calls-per-10-s limit for 60 s:
// every call must land (429s absorbed); achieved rate ÷ limit is the number to watch (target ≥ 0.9).
import { pino } from 'pino';
import { createIntercomClient, createRateBudget } from '../src/intercom/index.js';
import { startIntercomEmulator } from '../src/sandbox/intercom/index.js';
import type { BenchCase } from './cases.js';

const LIMIT = 1000;
const WINDOW_MS = 10_000;
const CALLERS = 20;
const DURATION_MS = Number(process.env.BENCH_INTERCOM_SECONDS ?? 60) * 1000;

export const intercomClientUnderRateLimit: BenchCase = {
  name: 'intercom client: 20 concurrent callers vs a 1,000-calls-per-10 s limit for 60 s',
  async run() {
    const emu = await startIntercomEmulator({ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
    const client = createIntercomClient({
      accessToken: emu.accessToken,
      baseUrl: emu.url,
      logger: pino({ level: 'silent' }),
      budget: createRateBudget(),
    });
    try {
      await client.listTeams(); // warm up validators and the budget's first window
      emu.state.requests.length = 0;
      const started = Date.now();
      let completed = 0;
      let failed = 0;
      await Promise.all(
        Array.from({ length: CALLERS }, async () => {
          while (Date.now() - started < DURATION_MS) {
            try {
              await client.listTeams();
              completed++;
            } catch {
              failed++;
            }
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      const statuses = emu.state.requests.map((r) => r.status);
      const rate = completed / seconds;
      const limitPerSecond = LIMIT / (WINDOW_MS / 1000);
      return {
        seconds: Number(seconds.toFixed(1)),
        completed,
        lost: failed,
        'answered 429': statuses.filter((s) => s === 429).length,
        'calls/s': Number(rate.toFixed(1)),
        'rate ÷ limit': Number((rate / limitPerSecond).toFixed(3)),
        violations: emu.state.violations.length,
      };
    } finally {
      await emu.close();
    }
  },
};
