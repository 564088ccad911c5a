// Seeded random choices for reproducible demo runs: the same seed over the same account picks the same
// tickets.

function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The integers 1..max in a seeded random order, each once, drawn lazily: a demo can pick ids over a
 * whole account without listing it. Small ranges are shuffled outright; large ones drawn with rejection.
 */
export function* seededIds(max: number, seed: string): Generator<number> {
  const random = seededRandom(seed);
  if (max <= 10_000) {
    const all = Array.from({ length: Math.max(0, max) }, (_, i) => i + 1);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    yield* all;
    return;
  }
  const seen = new Set<number>();
  while (seen.size < max) {
    const id = 1 + Math.floor(random() * max);
    if (seen.has(id)) continue;
    seen.add(id);
    yield id;
  }
}
