// `npm run test:browser`: the whole flow in Debian's chromium (test/browser), one file, screenshots under
// artifacts/screenshots/. Uses the same one-PostgreSQL-per-run setup as the unit tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/setup/global-db.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
