// What the repositories share: the knex handle type (a Knex or an open transaction), jsonb writing, and
// zod pieces for the column types pg returns.
import type { Knex } from 'knex';
import { z } from 'zod';

/** A Knex instance or a transaction: every repository function takes either. */
export type Db = Knex | Knex.Transaction;

/** Runs `fn` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Knex.Transaction) : db.transaction(fn);
}

/** pg writes JS arrays as PostgreSQL arrays, so jsonb values always go in as JSON text. */
export function jsonb(value: unknown): string {
  return JSON.stringify(value);
}

export const timestamp = z.date();
export const nullableTimestamp = z.date().nullable();
/** bigint / count columns arrive as strings from pg. */
export const bigintString = z.union([z.string(), z.number(), z.bigint()]).transform((v) => String(v));
export const countNumber = z.union([z.string(), z.number(), z.bigint()]).transform((v) => Number(v));
export const jsonObject = z.record(z.string(), z.unknown());

/** Parses a row that may be absent. */
export function parseOptional<T>(schema: z.ZodType<T>, row: unknown): T | undefined {
  return row === undefined || row === null ? undefined : schema.parse(row);
}

/** Ids come from requests: a malformed one finds nothing rather than raising PostgreSQL's uuid syntax error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
