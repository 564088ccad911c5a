// Pacing on a vendor's "calls remaining" header, for the clients that keep several calls in flight
// (Freshdesk's X-RateLimit-Remaining, Zendesk's ratelimit-remaining). Running into the limit is not free: the
// calls in flight at a window's end would all meet the 429 (and Freshdesk charges them). So: while the last
// answer's count covers the calls in flight and one more, calls go at once; when it does not, they wait for
// the calls in flight to answer; when nothing is left and the vendor named the window's end (a reset
// header), nobody calls before it; without one, one call goes alone (it finds the new window or takes the
// 429). After a 429, nobody calls before its Retry-After (or the reset) has passed.
import { z } from 'zod';
import { abortableSleep } from '../../abortable-sleep.js';

/** What one answer said about the limit; a part is absent when the vendor left it out or garbled it. */
export interface RateReading {
  /** Calls (or credits) left in the window. */
  remaining?: number | undefined;
  /** Seconds until the window resets. */
  resetSeconds?: number | undefined;
  /** On a 429: seconds to wait before calling again. */
  retryAfterSeconds?: number | undefined;
}

/** A header holding a count or seconds: digits only, anything else reads as absent (no pacing, no crash). */
export const headerNumber = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number)
  .optional()
  .catch(undefined);

export type ResponseHeaders = Record<string, string | undefined>;

export interface Pacer {
  /** Waits until a call may go; the caller must call done() once with its answer. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The answer's status (null: no answer) and headers, lower-case names. */
  done(status: number | null, headers?: ResponseHeaders): void;
}

export interface RemainingPacerOptions {
  /** What one call may cost in the vendor's units. */
  costPerCall: number;
  /** The vendor's headers read (zod-parsed) into what they say about the limit. */
  read(headers: ResponseHeaders): RateReading;
  now?: () => number;
}

/** How often a call held back looks again (answers in flight free it). */
const LOOK_AGAIN_MS = 20;

export class RemainingPacer implements Pacer {
  private remaining: number | null = null;
  /** When the window the count belongs to ends: known only from a reset header. */
  private windowEndsAt: number | null = null;
  private inFlight = 0;
  private resumeAt = 0;
  private readonly now: () => number;

  constructor(private readonly o: RemainingPacerOptions) {
    this.now = o.now ?? Date.now;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      // The count is of a window gone: the next answer's replaces it (until then it holds calls back).
      if (this.windowEndsAt !== null && now >= this.windowEndsAt) this.windowEndsAt = null;
      if (this.resumeAt > now) await abortableSleep(this.resumeAt - now, signal);
      else if (!this.short()) break;
      else if (this.inFlight > 0) await abortableSleep(LOOK_AGAIN_MS, signal);
      else if (this.windowEndsAt !== null) await abortableSleep(this.windowEndsAt - now, signal);
      else break;
    }
    this.inFlight++;
  }

  done(status: number | null, headers: ResponseHeaders = {}): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const reading = this.o.read(headers);
    const now = this.now();
    if (status === 429) {
      const waitSeconds = reading.retryAfterSeconds ?? reading.resetSeconds ?? 0;
      this.resumeAt = Math.max(this.resumeAt, now + waitSeconds * 1000);
      // The refusal says when to come back: that, not an earlier answer's window end (a minute off, say,
      // while Retry-After said 0), decides; then one call goes alone and its answer tells what is left.
      this.remaining = 0;
      this.windowEndsAt = null;
      return;
    }
    const remaining = reading.remaining;
    if (remaining === undefined) return;
    if (this.windowEndsAt !== null && now < this.windowEndsAt) {
      // The same window: its count only goes down (an answer arriving late may carry an earlier, larger one).
      this.remaining = Math.min(this.remaining ?? remaining, remaining);
      return;
    }
    this.remaining = remaining;
    this.windowEndsAt = reading.resetSeconds !== undefined ? now + reading.resetSeconds * 1000 : null;
  }

  /** Whether the last count seen leaves too little for the calls in flight and one more. */
  private short(): boolean {
    return this.remaining !== null && this.remaining < this.o.costPerCall * (this.inFlight + 1);
  }
}
