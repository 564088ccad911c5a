// Signatures are checked over the exact bytes Intercom sent (STYLE.md §8): the JSON parser keeps them.
import type { Request } from 'express';

declare module 'http' {
  interface IncomingMessage {
    rawBody?: Buffer;
  }
}

export function keepRawBody(req: Request, _res: unknown, buf: Buffer): void {
  req.rawBody = buf;
}

export function rawBodyOf(req: Request): Buffer {
  return req.rawBody ?? Buffer.alloc(0);
}
