import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(__dirname, '../../bin/ferry.js');

function ferry(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', FERRY_USE_SOURCE: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('ferry command line start-up', () => {
  it.each([
    ['PORT', { PORT: 'abc' }],
    ['FERRY_ENCRYPTION_KEY', { FERRY_ENCRYPTION_KEY: 'too-short' }],
    ['DATABASE_URL', { NODE_ENV: 'production' }],
  ])('when %s is invalid, then serve exits 1 with one line naming it', (variable, env) => {
    const result = ferry(['serve'], env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
  });

  it('when the command is unknown, then it exits 2 with the usage', () => {
    const result = ferry(['fly'], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command: fly');
    expect(result.stderr).toContain('Usage: ferry');
  });
});
