// Intercom's Canvas Kit limits, enforced when a canvas is built so a screen that breaks them fails in our tests,
// not in a teammate's Inbox. Source: 2.11 canvas_object ("Max Size is 64KB" for content and stored_data),
// dropdown_component / single_select_component ("Can provide 2 to 10"), DESIGN.md (first canvas ~400 px).
import { FerryError } from '../src/errors.js';

export const MAX_CONTENT_BYTES = 64 * 1024;
export const MAX_STORED_DATA_BYTES = 64 * 1024;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
/** An Inbox app's first canvas should stay within about this height (DESIGN.md). */
export const FIRST_CANVAS_MAX_PX = 400;

/** A canvas that Intercom would refuse or truncate: a programming error in a screen, never user input. */
export class CanvasLimitError extends FerryError {
  readonly code = 'canvas_limit';
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export function assertOptionCount(kind: string, id: string, count: number): void {
  if (count < MIN_OPTIONS || count > MAX_OPTIONS) {
    throw new CanvasLimitError(
      `${kind} "${id}" has ${count} option(s); Intercom accepts ${MIN_OPTIONS} to ${MAX_OPTIONS}`,
    );
  }
}

export function assertMaxBytes(what: string, value: unknown, max: number): void {
  const bytes = jsonBytes(value);
  if (bytes > max) {
    throw new CanvasLimitError(`${what} is ${bytes} bytes; Intercom accepts at most ${max} bytes`);
  }
}
