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

// Text a person typed (a review, a name, an address line, a message). Normalized to NFC and trimmed;
// refused with a clear message when it holds control characters (NUL, ESC and its terminal sequences,
// bells…; only a multi-line text may hold line breaks and tabs) or a lone surrogate (half of an
// emoji, which no font draws and JSON encoders choke on). What is stored is what a person can read.
const SINGLE_LINE_CONTROL = /\p{Cc}/u;
// eslint-disable-next-line no-control-regex
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function freeText(what: string, options: { max: number; min?: number; multiline?: boolean }) {
  const control = options.multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL;
  const min = options.min ?? 1;
  return z
    .string({ error: `${what} must be text` })
    .refine((v) => !LONE_SURROGATE.test(v), `${what} holds a broken character (half of an emoji); type it again`)
    .transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .refine((v) => !control.test(v), `${what} must not contain control characters${options.multiline ? ' (line breaks are fine)' : ''}`)
    .refine((v) => v.length >= min, min === 1 ? `${what} is required` : `${what} must be at least ${min} characters`)
    .refine((v) => v.length <= options.max, `${what} must be at most ${options.max} characters`);
}
