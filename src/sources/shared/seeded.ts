// A seeded choice of k items from a stream of unknown length (reservoir sampling, Algorithm R): the same
// seed over the same items picks the same sample, for reproducible demo runs.

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

export function createReservoir<T>(k: number, seed: string): { offer(item: T): void; sample(): T[] } {
  const random = seededRandom(seed);
  const kept: T[] = [];
  let seen = 0;
  return {
    offer(item) {
      seen++;
      if (kept.length < k) kept.push(item);
      else {
        const j = Math.floor(random() * seen);
        if (j < k) kept[j] = item;
      }
    },
    sample: () => [...kept],
  };
}
