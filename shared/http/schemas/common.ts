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
