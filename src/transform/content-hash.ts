// A stable hash of a canonical record for the ledger's source hash: the same record always hashes the same,
// whatever the key order, so a delta can tell a changed record from an unchanged one.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level (undefined members dropped, as JSON.stringify does). */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableJson(v))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** sha256 hex of the record's stable JSON. */
export function contentHash(record: unknown): string {
  return createHash('sha256').update(stableJson(record)).digest('hex');
}
