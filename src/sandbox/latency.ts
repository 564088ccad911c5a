// Latency for the emulators: the real services answer in 100–500 ms, not the emulators' ~1 ms (issue 12), and a
// bench or test that runs against them must see that. Express middleware placed before an emulator's routes:
// every request waits fixedMs ± jitterMs (uniform) before it is handled.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface LatencyOptions {
  fixedMs: number;
  /** Half-width of the uniform jitter around fixedMs. */
  jitterMs?: number;
  random?: () => number;
}

export function withLatency(o: LatencyOptions): RequestHandler {
  const random = o.random ?? Math.random;
  const jitter = o.jitterMs ?? 0;
  return (_req: Request, _res: Response, next: NextFunction) => {
    const ms = Math.max(0, o.fixedMs + jitter * (2 * random() - 1));
    if (ms === 0) next();
    else setTimeout(next, ms);
  };
}
