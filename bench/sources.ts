// `npm run bench -- sources`: a full read of a 1,000- and a 10,000-ticket emulated account of each source,
// each size in its own process so peak memory is that read's alone (bench/sources-<platform>.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.BENCH_SOURCE_TICKETS ?? '1000,10000').split(',').map(Number);

function readInChild(script: string, tickets: number): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', path.join(here, script), String(tickets)],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const line = out.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

function sourceCase(platform: 'zendesk' | 'freshdesk'): BenchCase {
  return {
    name: `sources: ${platform} full read (${SIZES.join(' and ')} tickets)`,
    async run() {
      const row: Record<string, number | string> = {};
      for (const tickets of SIZES) {
        const result = readInChild(`sources-${platform}.ts`, tickets);
        for (const [k, v] of Object.entries(result)) {
          if (k === 'tickets') continue;
          row[`${tickets}: ${k}`] = typeof v === 'number' ? v : String(v);
        }
      }
      return row;
    },
  };
}

export const sourceCases: BenchCase[] = [sourceCase('zendesk'), sourceCase('freshdesk')];
