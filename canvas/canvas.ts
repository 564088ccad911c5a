// The canvas response (2.11 canvas_object inside initialize_response / submit_response): built only through
// `canvasResponse`, which refuses content or stored_data over Intercom's 64 KB.
import type { Component } from './components.js';
import { assertMaxBytes, MAX_CONTENT_BYTES, MAX_STORED_DATA_BYTES } from './limits.js';

export type StoredData = Record<string, unknown>;

export interface Canvas<Id extends string = string> {
  content: { components: Component<Id>[] };
  stored_data?: StoredData;
}

export interface CanvasResponse<Id extends string = string> {
  canvas: Canvas<Id>;
}

export function canvasResponse<Id extends string>(
  components: Component<Id>[],
  storedData?: StoredData,
): CanvasResponse<Id> {
  const content = { components };
  assertMaxBytes('canvas content', content, MAX_CONTENT_BYTES);
  if (storedData === undefined) return { canvas: { content } };
  assertMaxBytes('canvas stored_data', storedData, MAX_STORED_DATA_BYTES);
  return { canvas: { content, stored_data: storedData } };
}
