// Building blocks of every vendor's lenient raw schemas (STYLE.md §2): vendors send null or nothing for
// "none", so only what a mapper must have is required.
import { z } from 'zod';

/** A string the vendor may send as null or leave out. */
export const optionalText = z.string().nullish();

/** A list the vendor may send as null or leave out: always an array once parsed. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
