// Demo sampling by id range: seeded, distinct, bounded in the ids it tries.
import { describe, expect, it } from 'vitest';
import { sampleByIdRange } from '../../../src/sources/shared/sample.js';
import { seededIds } from '../../../src/sources/shared/seeded.js';

const take = (it: Iterator<number>, k: number) => Array.from({ length: k }, () => it.next().value as number);

describe('sampleByIdRange', () => {
  it('when ids are drawn from a small or a large range, then each comes once, within 1..max, the same per seed', () => {
    expect([...seededIds(6, 's')].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    const big = take(seededIds(2_000_000, 's'), 500);
    expect(new Set(big).size).toBe(500);
    expect(big.every((id) => id >= 1 && id <= 2_000_000)).toBe(true);
    expect(take(seededIds(2_000_000, 's'), 500)).toEqual(big);
    expect(take(seededIds(2_000_000, 't'), 500)).not.toEqual(big);
  });

  it('when most ids are gone, then it stops after its tries and returns what it found', async () => {
    const calls: number[][] = [];
    const found = await sampleByIdRange({
      n: 5,
      seed: 'x',
      topId: 1_000_000,
      batchSize: 100,
      maxTries: 200,
      fetch: async (ids) => {
        calls.push(ids);
        return ids.filter((id) => id % 97 === 0);
      },
    });
    expect(calls.flat().length).toBeLessThanOrEqual(200);
    expect(found.length).toBeLessThanOrEqual(5);
    expect(found.every((id) => id % 97 === 0)).toBe(true);
  });

  it('when the account has no tickets, then the sample is empty without a call', async () => {
    let calls = 0;
    const found = await sampleByIdRange({
      n: 20,
      seed: 'x',
      topId: 0,
      batchSize: 100,
      fetch: async () => [calls++],
    });
    expect(found).toEqual([]);
    expect(calls).toBe(0);
  });
});
