// Applies migrations/ with knex: at start (main.ts) and by `ferry db migrate`. Under tsx (and vitest) the
// TypeScript files in migrations/ are imported; compiled, dist/migrations/*.js. The files are imported from
// here rather than by knex (whose require/import would not pass through tsx or vitest), and recorded by
// name without extension so a database migrated from source and then from dist sees the same names.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

interface MigrationFile {
  name: string;
  file: string;
}

const here = fileURLToPath(import.meta.url);
// src/db/migrate.ts -> migrations/; dist/src/db/migrate.js -> dist/migrations/.
const defaultDirectory = path.resolve(path.dirname(here), '..', '..', 'migrations');
const extension = path.extname(here) === '.ts' ? '.ts' : '.js';

function source(directory: string): Knex.MigrationSource<MigrationFile> {
  return {
    async getMigrations() {
      const files = (await fs.readdir(directory))
        .filter((f) => f.endsWith(extension) && !f.endsWith('.d.ts') && !f.includes('.test.'))
        .sort();
      return files.map((f) => ({ name: f.slice(0, -extension.length), file: path.join(directory, f) }));
    },
    getMigrationName: (m) => m.name,
    async getMigration(m) {
      const mod = (await import(pathToFileURL(m.file).href)) as Partial<MigrationModule>;
      if (typeof mod.up !== 'function') throw new Error(`Migration ${m.file} exports no up() function`);
      const up = mod.up;
      const down = mod.down ?? (async () => Promise.reject(new Error(`Migration ${m.name} has no down()`)));
      return { up, down };
    },
  };
}

function migratorConfig(directory = defaultDirectory): Knex.MigratorConfig {
  return { migrationSource: source(directory), tableName: 'knex_migrations' };
}

/** Applies every pending migration; returns the names applied. Safe to run from several processes (knex locks). */
export async function migrateLatest(knex: Knex, directory?: string): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migratorConfig(directory))) as [number, string[]];
  return applied;
}

/** Names of the migrations not yet applied (for /readyz). */
export async function pendingMigrations(knex: Knex, directory?: string): Promise<string[]> {
  const [, pending] = (await knex.migrate.list(migratorConfig(directory))) as [unknown[], MigrationFile[]];
  return pending.map((m) => m.name);
}
