// Runs bench/live/latency.measure.ts (not a test: it times things) inside vitest, so the measurement reuses the
// live catch-up world of test/live/world.ts (its harness needs vitest's provided database URL).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/live/latency.measure.ts'],
    globalSetup: ['test/setup/global-db.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
