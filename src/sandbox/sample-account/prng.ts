// Seeded pseudo-random numbers: every record of the sample account is computed from (seed, kind, index)
// alone, so ticket 73,512 of a 100k account costs the same as ticket 0 and nothing is kept in memory.

/** FNV-1a over the string, then mixed: a 32-bit seed for mulberry32. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** A generator for one record: the same (seed, kind, index) always yields the same sequence. */
export function rngFor(seed: string, kind: string, index: number): Rng {
  let a = hash32(`${seed}\u0000${kind}\u0000${index}`);
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** Deterministic bytes for attachment content (xorshift stream keyed by the attachment id). */
export function deterministicBytes(key: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = hash32(key) || 1;
  for (let i = 0; i < length; i++) {
    if (i % 4 === 0) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
    }
    out[i] = (x >>> ((i % 4) * 8)) & 0xff;
  }
  return out;
}
