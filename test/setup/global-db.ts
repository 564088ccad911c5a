// One PostgreSQL for the whole test run: DATABASE_URL when given (CI's second pass uses the machine's
// server), otherwise the embedded default, started once here (its data kept in node_modules/.cache between
// runs, so only the first run pays for initdb) and stopped at the end. Each test file then makes its own
// fresh database from it (test/helpers/db.ts), so files run in parallel without seeing each other's rows.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../../src/db/embedded.js';
import { createLogger } from '../../src/logger.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    project.provide('adminDatabaseUrl', url);
    return async () => {};
  }
  const logger = createLogger({ logLevel: 'warn', nodeEnv: 'test' });
  const embedded = await startEmbedded(path.join(root, 'node_modules', '.cache', 'ferry-test-pg'), logger, {
    // Throwaway data: durability off for speed; room for every test file's pools at once.
    postgresFlags: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=400'],
    initdbFlags: ['--no-sync'],
  });
  project.provide('adminDatabaseUrl', embedded.adminUrl);
  return () => embedded.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
