// Parse at the border (STYLE.md §2): each raw vendor record through its lenient zod schema, then the mapper;
// a record that fails either becomes a RecordReadError carrying the vendor's id, never a crash.
import type { z } from 'zod';
import type { EntityName } from '../../model/canonical.js';
import type { RecordReadError } from '../connector.js';

export function parseEach<S extends z.ZodType, R>(
  entity: EntityName,
  schema: S,
  items: unknown[],
  map: (raw: z.infer<S>) => R,
): { records: R[]; errors: RecordReadError[] } {
  const records: R[] = [];
  const errors: RecordReadError[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      errors.push({ entity, sourceId: idOf(item), reason: describeIssues(parsed.error) });
      continue;
    }
    try {
      records.push(map(parsed.data));
    } catch (err) {
      errors.push({ entity, sourceId: idOf(item), reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return { records, errors };
}

function idOf(item: unknown): string {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return 'unknown';
}

/** The first few issues of a failed parse, as one line for a report. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}
