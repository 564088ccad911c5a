// A demo sample over a whole account whose ticket ids are one increasing sequence (Zendesk and Freshdesk
// both number tickets 1, 2, 3… per account; deleted ones leave gaps): ids are drawn at random below the
// newest and the tickets that exist are kept. The calls stay few whatever the account's size.
import { seededIds } from './seeded.js';

export interface IdRangeSample<T> {
  n: number;
  seed: string;
  /** The newest ticket id (0 when the account has none). */
  topId: number;
  /** Ids fetched per call (Zendesk's show_many takes 100, a one-by-one fetch 1). */
  batchSize: number;
  /** The live (not deleted) tickets among `ids`, in any order; missing ids are simply absent. */
  fetch(ids: number[]): Promise<T[]>;
  /** Gives up after this many ids tried (default 5 × n + 20): a sparse account yields fewer. */
  maxTries?: number;
}

export async function sampleByIdRange<T>(o: IdRangeSample<T>): Promise<T[]> {
  const picked: T[] = [];
  const draws = seededIds(o.topId, o.seed);
  let tried = 0;
  const maxTries = o.maxTries ?? o.n * 5 + 20;
  while (picked.length < o.n && tried < maxTries) {
    // Three candidates per ticket still wanted (some ids are gone), at most one call's worth.
    const want = Math.min(o.batchSize, Math.max(1, (o.n - picked.length) * 3), maxTries - tried);
    const ids: number[] = [];
    while (ids.length < want) {
      const d = draws.next();
      if (d.done) break;
      ids.push(d.value);
    }
    if (ids.length === 0) break;
    tried += ids.length;
    picked.push(...(await o.fetch(ids)));
  }
  return picked.slice(0, o.n);
}
