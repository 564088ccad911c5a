// Shared by the security suite: a logger whose every line is kept, to look for what must not be there.
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export function capturedLogger(): { lines: string[]; text(): string; logger: Logger } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    lines,
    text: () => lines.join(''),
    logger: createLogger({ logLevel: 'trace', nodeEnv: 'test' }, stream),
  };
}
