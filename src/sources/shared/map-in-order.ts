// Reads one record at a time per call, several calls in flight: at an answer latency L a source gives at
// most 1/L records a second per call in flight, so a per-ticket read keeps `limit` going (Little's law: in
// flight = rate × latency) and still yields the results in the order asked. At most `limit` results wait
// in memory; a failure stops the read after the calls already started settle.
export async function* mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const window: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (window.length < Math.max(1, limit) && next < items.length) {
      const p = fn(items[next++]!);
      // Settled later in order; an early rejection must not count as unhandled meanwhile.
      p.catch(() => undefined);
      window.push(p);
    }
  };
  fill();
  try {
    while (window.length > 0) {
      const result = await window.shift()!;
      fill();
      yield result;
    }
  } finally {
    await Promise.allSettled(window);
  }
}
