// url-map.csv for the console's reports: the old help center's addresses and what each became in Intercom
// (the same file `ferry report` writes, src/report/url-map.ts).
import type { Knex } from 'knex';
import { urlMapCsv } from '../../report/index.js';
import type { RunStatusView } from '../runs.js';

export const urlMapOfRun = (db: Knex, run: RunStatusView): Promise<{ text: string; rows: number }> =>
  urlMapCsv(db, run.runId);
