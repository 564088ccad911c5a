// Pacing on X-RateLimit-Remaining. Freshdesk counts every call against the account's minute, refused ones
// too, and sends no reset time, only Retry-After on the 429 (QUIRKS.md, "Rate limit"). With several calls
// in flight, all of them would meet the 429 at the end of each minute and be counted for nothing. So: while
// the last answer's Remaining covers the calls in flight and one more, calls go at once; when it does not,
// one call at a time goes (it either finds the new minute or takes the 429 whose Retry-After tells everyone
// how long to wait), and after a 429 nobody calls before its Retry-After has passed.
import { abortableSleep } from '../../abortable-sleep.js';

/** What one call may cost: a view with include=conversations is charged 2 credits. */
const CREDITS_PER_CALL = 2;
/** How often a call held back looks again (answers in flight free it). */
const LOOK_AGAIN_MS = 20;

export class RemainingPacer {
  private remaining: number | null = null;
  private inFlight = 0;
  private resumeAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Waits until a call may go; the caller must call done() with its answer's headers. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const wait = this.resumeAt - this.now();
      if (wait > 0) await abortableSleep(wait, signal);
      else if (this.inFlight > 0 && this.short()) await abortableSleep(LOOK_AGAIN_MS, signal);
      else {
        this.inFlight++;
        return;
      }
    }
  }

  /** The answer's headers (lower-cased): Remaining, and on a 429 its Retry-After (seconds). */
  done(status: number | null, headers: Record<string, string> = {}): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const remaining = Number(headers['x-ratelimit-remaining']);
    if (headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
      this.remaining = remaining;
    if (status === 429) {
      this.remaining = 0;
      const seconds = Number(headers['retry-after']);
      if (Number.isFinite(seconds) && seconds > 0)
        this.resumeAt = Math.max(this.resumeAt, this.now() + seconds * 1000);
    }
  }

  /** Whether the last Remaining seen leaves too little for the calls in flight and one more. */
  private short(): boolean {
    return this.remaining !== null && this.remaining < CREDITS_PER_CALL * (this.inFlight + 1);
  }
}
