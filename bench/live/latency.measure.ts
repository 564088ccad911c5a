// Issue 16's latency goal, measured: after a full run, Ferry follows the Zendesk emulator; CHANGES comments
// are added one every SPACING_MS (round-robin over the migrated tickets), each followed by the emulator's
// signed delivery, and the time from the change to its comment appearing in the Intercom emulator is taken.
// Writes the numbers as JSON to BENCH_LIVE_OUT (read by bench/live.ts). Goal: p95 ≤ 60 s.
import { writeFile } from 'node:fs/promises';
import { it } from 'vitest';
import { commentParts, objectOf, targetsBySourceId } from '../../test/engine/checks.js';
import { startFollowing } from '../../src/app/live/follow.js';
import { startLiveWorld } from '../../test/live/world.js';

const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 50);
const SPACING_MS = Number(process.env.BENCH_LIVE_SPACING_MS ?? 1_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

it('live catch-up latency', async () => {
  const w = await startLiveWorld({ tickets: 24, zendesk: { exportPerMinute: 600 } });
  try {
    const { h } = w;
    const migrationId = await h.newMigration({
      entities: ['contacts', 'companies', 'tickets'],
      target: 'tickets',
      filters: { createdFrom: h.account.ticket(8).createdAt },
    });
    const full = await h.run(migrationId, 'full', 300_000);
    if (full.status !== 'completed') throw new Error(`full run ${full.status}: ${full.lastError ?? ''}`);
    await startFollowing(w.live, migrationId);
    const migrated = [...Array(24).keys()]
      .slice(8)
      .filter((i) => targetsBySourceId(h.intercom, 'tickets').has(`zendesk:${h.account.ticket(i).id}`));
    const seen = (id: string, text: string) =>
      commentParts(objectOf(h.intercom, 'tickets', 'zendesk', id).parts).some((p) =>
        String(p.body).includes(text),
      );

    const waiting = new Map<string, { id: string; at: number }>();
    const seconds: number[] = [];
    const poll = setInterval(() => {
      for (const [text, c] of waiting)
        if (seen(c.id, text)) {
          seconds.push((Date.now() - c.at) / 1000);
          waiting.delete(text);
        }
    }, 100);
    const deliveries: Promise<number[]>[] = [];
    for (let k = 0; k < CHANGES; k++) {
      const i = migrated[k % migrated.length]!;
      const id = h.account.ticket(i).id;
      const text = `Live latency change ${k}`;
      waiting.set(text, { id, at: Date.now() });
      h.account.addComment(i, text);
      h.zendesk!.reindex();
      deliveries.push(h.zendesk!.webhooks.deliver({ kind: 'ticket', id, what: 'comment_added' }));
      await new Promise((r) => setTimeout(r, SPACING_MS));
    }
    await Promise.all(deliveries);
    const deadline = Date.now() + 300_000;
    while (waiting.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    clearInterval(poll);
    seconds.sort((a, b) => a - b);
    await writeFile(
      process.env.BENCH_LIVE_OUT ?? 'live-latency.json',
      JSON.stringify({
        changes: CHANGES,
        'seconds between changes': SPACING_MS / 1000,
        applied: seconds.length,
        'never applied (5 min)': waiting.size,
        'p50 seconds': Number(percentile(seconds, 50).toFixed(2)),
        'p95 seconds': Number(percentile(seconds, 95).toFixed(2)),
        'max seconds': Number(seconds.at(-1)!.toFixed(2)),
      }),
    );
  } finally {
    await w.close();
  }
});
