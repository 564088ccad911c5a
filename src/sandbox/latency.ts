// Answer latency for the emulators (Intercom, Zendesk, Freshdesk): real services take 100–500 ms to answer a
// write, longer when they fetch attachments, while an emulator answers in about a millisecond. Each request
// falls in one endpoint class (read, write, search, attachment) and waits fixed + a uniform jitter before the
// emulator handles it, so it is counted by the rate limit when it reaches the "server", after the network
// part of its latency. Settable when the emulator starts and at any time after (the bench, tests).
import type { NextFunction, Request, Response } from 'express';

export type EndpointClass = 'read' | 'write' | 'search' | 'attachment';

export interface Delay {
  fixedMs: number;
  /** Added uniformly in [-jitterMs, +jitterMs] (never below zero in total). */
  jitterMs?: number;
}

/** Per endpoint class; a class left out answers at once. */
export type LatencyProfile = Partial<Record<EndpointClass, Delay>>;

/** The same delay for every class: "Intercom at 200 ms ± 50 %" is uniformLatency(200, 100). */
export function uniformLatency(fixedMs: number, jitterMs = 0): LatencyProfile {
  const d = { fixedMs, jitterMs };
  return { read: d, write: d, search: d, attachment: d };
}

/** The usual classes: a path naming search is a search, GET/HEAD a read, anything else a write. */
export function defaultClassOf(req: Pick<Request, 'method' | 'path'>): EndpointClass {
  if (/\/search(\.json)?(\/|$)/.test(req.path)) return 'search';
  return req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write';
}

/** The sources' classes: their file downloads (/attachments/…) are the attachment class. */
export function sourceClassOf(req: Pick<Request, 'method' | 'path'>): EndpointClass {
  return req.path.startsWith('/attachments/') ? 'attachment' : defaultClassOf(req);
}

/** Milliseconds to wait for one request of a class (pure: random() in [0, 1)). */
export function delayFor(profile: LatencyProfile, cls: EndpointClass, random: () => number): number {
  const d = profile[cls];
  if (!d) return 0;
  const jitter = d.jitterMs ? (random() * 2 - 1) * d.jitterMs : 0;
  return Math.max(0, Math.round(d.fixedMs + jitter));
}

export interface LatencyControl {
  /** Replaces the profile (an empty one turns latency off). */
  setLatency(profile: LatencyProfile): void;
  /** Express middleware delaying each request by its class's latency. */
  middleware(req: Request, res: Response, next: NextFunction): void;
}

export function latencyControl(
  initial: LatencyProfile = {},
  o: { classOf?: (req: Request) => EndpointClass; random?: () => number } = {},
): LatencyControl {
  let profile = initial;
  const classOf = o.classOf ?? defaultClassOf;
  const random = o.random ?? Math.random;
  return {
    setLatency: (p) => void (profile = p),
    middleware(req, _res, next) {
      const ms = delayFor(profile, classOf(req), random);
      if (ms === 0) return next();
      setTimeout(next, ms);
    },
  };
}
