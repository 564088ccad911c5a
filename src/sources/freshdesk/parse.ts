// Parse at the border (STYLE.md §2): each raw item is checked on its own, so one odd record becomes a record
// error carrying the vendor's id instead of failing the page.
import type { z } from 'zod';
import type { EntityName } from '../../model/canonical.js';
import type { RecordReadError } from '../connector.js';

export interface Parsed<T> {
  records: T[];
  errors: RecordReadError[];
}

function vendorId(item: unknown): string {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'number' || typeof id === 'string') return String(id);
  }
  return 'unknown';
}

export function parseEach<S extends z.ZodType, T>(
  entity: EntityName,
  schema: S,
  items: readonly unknown[],
  map: (raw: z.output<S>) => T,
): Parsed<T> {
  const out: Parsed<T> = { records: [], errors: [] };
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      out.errors.push({
        entity,
        sourceId: vendorId(item),
        reason: `Freshdesk sent a ${entity} record Ferry cannot read${where}: ${issue?.message ?? 'invalid'}`,
      });
      continue;
    }
    try {
      out.records.push(map(parsed.data));
    } catch (err) {
      out.errors.push({ entity, sourceId: vendorId(item), reason: (err as Error).message });
    }
  }
  return out;
}
