// Every request gets an id: sent back as X-Request-Id, quoted in a 5xx body or a refused /readyz, and logged
// with the detail that the body leaves out, so a person can match what they saw to the log line.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Locals {
    requestId?: string;
  }
}

export const requestId: RequestHandler = (_req, res, next) => {
  const id = randomUUID();
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
};

export const requestIdOf = (res: Response): string => res.locals.requestId ?? 'unknown';

/** What a person is told when something failed on Ferry's side: no internals, the id to quote. */
export const internalMessage = (id: string): string =>
  `Something went wrong on our side. It has been logged with request id ${id}.`;
