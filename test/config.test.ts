import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('when nothing is set, then development defaults apply', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('.ferry')).toBe(true);
    expect(c.workerConcurrency).toBeGreaterThan(0);
    expect(c.searchSettleMs).toBe(180_000);
  });

  it("when FERRY_SEARCH_SETTLE_S is set, then pending writes wait that long for Intercom's search", () => {
    expect(loadConfig({ FERRY_SEARCH_SETTLE_S: '2.5' }).searchSettleMs).toBe(2_500);
  });

  it('when the retention variables are set, then they are the wipe delays; unset, 5 days and 48 hours', () => {
    expect(loadConfig({}).retention).toEqual({ days: 5, uninstallGraceHours: 48 });
    expect(loadConfig({ FERRY_RETENTION_DAYS: '30', FERRY_UNINSTALL_GRACE_HOURS: '0' }).retention).toEqual({
      days: 30,
      uninstallGraceHours: 0,
    });
  });

  it('when FERRY_STAGE_SLICE_S is unset, 30 or 0, then stage jobs yield after 60 s, after 30 s, or never', () => {
    expect(loadConfig({}).stageSliceMs).toBe(60_000);
    expect(loadConfig({ FERRY_STAGE_SLICE_S: '30' }).stageSliceMs).toBe(30_000);
    expect(loadConfig({ FERRY_STAGE_SLICE_S: '0' }).stageSliceMs).toBeUndefined();
  });

  const bad: Array<[string, Record<string, string>]> = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'not a url' }],
    ['INTERCOM_API_URL', { INTERCOM_API_URL: 'ftp://x' }],
    ['INTERCOM_APP_URL', { INTERCOM_APP_URL: '::' }],
    ['FERRY_ENCRYPTION_KEY', { FERRY_ENCRYPTION_KEY: 'c2hvcnQ=' }],
    ['FERRY_WORKER_CONCURRENCY', { FERRY_WORKER_CONCURRENCY: '0' }],
    ['FERRY_WORKER_CONCURRENCY', { FERRY_WORKER_CONCURRENCY: 'many' }],
    ['FERRY_SEARCH_SETTLE_S', { FERRY_SEARCH_SETTLE_S: '-1' }],
    ['FERRY_SEARCH_SETTLE_S', { FERRY_SEARCH_SETTLE_S: 'soon' }],
    ['FERRY_RETENTION_DAYS', { FERRY_RETENTION_DAYS: '0' }],
    ['FERRY_RETENTION_DAYS', { FERRY_RETENTION_DAYS: '2.5' }],
    ['FERRY_UNINSTALL_GRACE_HOURS', { FERRY_UNINSTALL_GRACE_HOURS: '-1' }],
    ['FERRY_UNINSTALL_GRACE_HOURS', { FERRY_UNINSTALL_GRACE_HOURS: 'soon' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['FERRY_DATA_DIR', { FERRY_DATA_DIR: '  ' }],
    ['FERRY_SUPPORT_MESSENGER_SECRET', { FERRY_SUPPORT_MESSENGER_APP_ID: 'abc' }],
    ['DATABASE_URL', { NODE_ENV: 'production' }],
  ];
  it.each(bad)('when %s is invalid, then the error names it', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as ConfigError).message).toContain(variable);
    }
  });

  it('when NODE_ENV=production, then each required variable is named in turn', () => {
    const full = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/ferry',
      PUBLIC_URL: 'https://ferry.example.com',
      INTERCOM_CLIENT_ID: 'id',
      INTERCOM_CLIENT_SECRET: 'secret',
      FERRY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    };
    expect(loadConfig(full).production).toBe(true);
    for (const key of Object.keys(full).filter((k) => k !== 'NODE_ENV')) {
      const env: Record<string, string> = { ...full };
      delete env[key];
      expect(() => loadConfig(env), key).toThrow(key);
    }
    expect(() => loadConfig({ ...full, PUBLIC_URL: 'http://ferry.example.com' })).toThrow('PUBLIC_URL');
  });
});
