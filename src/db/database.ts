// startDatabase: the database Ferry uses, as main.ts and cli.ts get it. With DATABASE_URL, that server;
// without it, the embedded default under FERRY_DATA_DIR (started here, or shared with the Ferry process
// that already runs it).
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbedded, type EmbeddedOptions } from './embedded.js';
import { createKnex } from './knex.js';

export interface Database {
  url: string;
  knex: Knex;
  /** Set when the embedded default is in use. */
  embedded?: { port: number; pgDataDir: string; owner: boolean };
  /** Closes the pool; the process that started the embedded PostgreSQL also stops it. */
  stop(): Promise<void>;
}

export async function startDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
  options: EmbeddedOptions & { poolMax?: number } = {},
): Promise<Database> {
  if (config.databaseUrl) {
    const knex = createKnex(config.databaseUrl, options);
    return { url: config.databaseUrl, knex, stop: () => knex.destroy() };
  }
  const embedded = await startEmbedded(config.dataDir, logger, options);
  const knex = createKnex(embedded.url, options);
  return {
    url: embedded.url,
    knex,
    embedded: { port: embedded.port, pgDataDir: embedded.pgDataDir, owner: embedded.owner },
    async stop() {
      await knex.destroy();
      await embedded.stop();
    },
  };
}
