// The outside world of a `ferry migrate` test: a fresh database, the Zendesk (or Freshdesk) emulator with a
// small sample account and the Intercom emulator on 127.0.0.1, and `node bin/ferry.js` spawned against them
// (asynchronously: the emulators answer from this process).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { migrateLatest } from '../../src/db/migrate.js';
import { startIntercomEmulator, type RunningIntercomEmulator } from '../../src/sandbox/intercom/index.js';
import { createSampleAccount, type SampleAccount } from '../../src/sandbox/sample-account/index.js';
import { startZendeskEmulator, type RunningZendeskEmulator } from '../../src/sandbox/zendesk/index.js';

export const ZENDESK_ADMIN = { email: 'admin@sample-support.test', token: 'cli-test-token' };
const bin = path.resolve(__dirname, '../../bin/ferry.js');

export interface FerryResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliWorld {
  db: TestDatabase;
  account: SampleAccount;
  zendesk: RunningZendeskEmulator;
  intercom: RunningIntercomEmulator;
  dataDir: string;
  /** The arguments of a demo/full run against the emulators (add --demo, --report …). */
  zendeskArgs(extra?: string[]): string[];
  /** Spawns the CLI; `onStderr` sees its stderr as it comes (to send a signal at the right moment). */
  ferry(
    args: string[],
    options?: {
      env?: Record<string, string>;
      onStderr?: (text: string, child: ChildProcess) => void;
      onStdout?: (text: string, child: ChildProcess) => void;
    },
  ): Promise<FerryResult>;
  close(): Promise<void>;
}

export async function startCliWorld(
  o: { tickets?: number; account?: SampleAccount } = {},
): Promise<CliWorld> {
  const db = await createTestDatabase();
  await migrateLatest(db.knex);
  const account = o.account ?? createSampleAccount({ seed: 'cli', tickets: o.tickets ?? 24 });
  const zendesk = await startZendeskEmulator({ account, credentials: ZENDESK_ADMIN });
  const intercom = await startIntercomEmulator({ hangMs: 300 });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-'));
  const running = new Set<ChildProcess>();
  return {
    db,
    account,
    zendesk,
    intercom,
    dataDir,
    zendeskArgs: (extra = []) => [
      'migrate',
      '--from',
      'zendesk',
      '--from-url',
      zendesk.url,
      '--from-email',
      ZENDESK_ADMIN.email,
      '--from-token',
      ZENDESK_ADMIN.token,
      '--to-url',
      intercom.url,
      '--to-token',
      intercom.accessToken,
      ...extra,
    ],
    ferry(args, options = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, ...args], {
          env: {
            PATH: process.env.PATH ?? '',
            FERRY_USE_SOURCE: '1',
            FERRY_DATA_DIR: dataDir,
            DATABASE_URL: db.url,
            PORT: '0',
            LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
            ...options.env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        running.add(child);
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (d: Buffer) => {
          stdout += d.toString();
          options.onStdout?.(stdout, child);
        });
        child.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
          options.onStderr?.(stderr, child);
        });
        child.once('error', reject);
        child.once('close', (code) => {
          running.delete(child);
          resolve({ code, stdout, stderr });
        });
      });
    },
    async close() {
      for (const child of running) child.kill('SIGKILL');
      await intercom.close();
      await zendesk.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
