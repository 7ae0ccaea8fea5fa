// Pieces of request and response schemas that many routes share.
import * as z from 'zod';

/** Ids of minerals, carts and orders: lowercase letters, digits and hyphens. */
export const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be an id of lowercase letters, digits and hyphens (at most 80 characters)');

/** A non-negative whole number of cents given as a query-string value. */
export function centsParam(name: string) {
  return z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number of cents, 0 or more (e.g. 2500 for $25.00)`)
    .transform(Number);
}

export const moneySchema = z.object({
  amount: z.number().int().describe('Integer minor units (cents).'),
  currency: z.literal('USD'),
});

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/** A listing's `limit` query value: a whole number within `bounds`, `bounds.default` when left out. */
export function limitParam(bounds: { default: number; max: number }) {
  return z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${bounds.max}`)
    .transform(Number)
    .pipe(z.number().min(1, 'limit must be at least 1').max(bounds.max, `limit must be at most ${bounds.max}`))
    .optional()
    .transform((v) => v ?? bounds.default);
}

/** A listing's `cursor` query value: what the previous page returned as nextCursor. */
export const cursorParam = z.string().min(1, 'cursor must not be empty; leave it out for the first page').max(2048, 'cursor is too long').optional();
