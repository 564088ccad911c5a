// One PostgreSQL for the whole test run: DATABASE_URL when given (CI's second pass uses the machine's
// server), otherwise the embedded default. Each test file then makes its own fresh database from it
// (test/helpers/db.ts), so files run in parallel without seeing each other's rows.
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('Set DATABASE_URL (the embedded default for tests is not wired yet)');
  }
  project.provide('adminDatabaseUrl', url);
  return async () => {};
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}
