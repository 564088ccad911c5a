import { describe, expect, it } from 'vitest';
import { runPagePipeline } from '../../src/engine/page-pipeline.js';
import { noteCall } from '../../src/intercom/call-meter.js';
import { stageWindow } from '../../src/engine/stage-window.js';

describe('the page pipeline and its window', () => {
  it('when the window opens while every record in flight is still running, then more start without waiting for one to finish', async () => {
    let allowed = 1;
    let inFlight = 0;
    let most = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* pages() {
      yield { records: [1, 2, 3, 4] };
    }
    const run = runPagePipeline(pages(), {
      concurrency: () => allowed,
      process: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await held;
        inFlight -= 1;
      },
      checkpoint: async () => undefined,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(inFlight).toBe(1);
    allowed = 4;
    await new Promise((r) => setTimeout(r, 600));
    expect(inFlight).toBe(4);
    release();
    await run;
    expect(most).toBe(4);
  });
});

describe('a stage window before its first record finishes', () => {
  it('when the records in flight have had calls answered, then it opens by the seconds those calls took', async () => {
    const w = stageWindow({ deps: {}, intercom: { remainingPerSecond: () => 100 } }, 'tickets', 1000);
    expect(w.window()).toBe(4);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const record = w.measure(async () => {
      noteCall({ waitedMs: 0, serviceMs: 400 });
      noteCall({ waitedMs: 0, serviceMs: 600 });
      await held;
    });
    // 100 calls/s × 0.5 s a call × 1.5 headroom.
    expect(w.window()).toBe(75);
    release();
    await record;
    // Once a record finished, its own measure decides (two calls in a few ms: a small window).
    expect(w.window()).toBeLessThan(75);
  });
});
