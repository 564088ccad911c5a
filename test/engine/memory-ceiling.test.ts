import { describe, expect, it } from 'vitest';
import { defaultMemoryCeiling, memoryInUse } from '../../src/engine/stage-window.js';

const MB = 2 ** 20;

describe('the memory a stage window counts against its ceiling', () => {
  it('when attachments sit in Buffers, then they count, though they are outside V8’s heap', () => {
    const before = memoryInUse();
    const file = Buffer.alloc(64 * MB, 1);
    expect(memoryInUse() - before).toBeGreaterThanOrEqual(64 * MB);
    expect(file[0]).toBe(1);
  });

  it('when the process has a small heap limit (--max-old-space-size), then the ceiling is 60 % of it', () => {
    // node --max-old-space-size=160 reports a 208 MB heap limit (old space plus the young generation).
    expect(defaultMemoryCeiling(208 * MB)).toBe(Math.floor(0.6 * 208 * MB));
  });

  it('when the heap limit is the default (GBs), then the ceiling is 192 MB', () => {
    expect(defaultMemoryCeiling(4144 * MB)).toBe(192 * MB);
  });
});
