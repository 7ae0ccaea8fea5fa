// The catalog's HTTP contract: what a listing may ask for and what comes back.
import * as z from 'zod';
import { CATEGORY_IDS, DEFAULT_SORT, LISTING_LIMIT, SORTS } from '../../domain/catalog';
import { centsParam, idSchema } from './common';

export const listMineralsQuery = z
  .strictObject({
    category: z.enum(CATEGORY_IDS, { error: `category must be one of: ${CATEGORY_IDS.join(', ')}` }).optional(),
    minPrice: centsParam('minPrice').optional(),
    maxPrice: centsParam('maxPrice').optional(),
    inStock: z.enum(['true', 'false'], { error: 'inStock must be true or false' }).transform((v) => v === 'true').optional(),
    sort: z.enum(SORTS, { error: `sort must be one of: ${SORTS.join(', ')}` }).optional().transform((v) => v ?? DEFAULT_SORT),
    limit: z
      .string()
      .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${LISTING_LIMIT.max}`)
      .transform(Number)
      .pipe(z.number().min(1, `limit must be at least 1`).max(LISTING_LIMIT.max, `limit must be at most ${LISTING_LIMIT.max}`))
      .optional()
      .transform((v) => v ?? LISTING_LIMIT.default),
    cursor: z.string().min(1, 'cursor must not be empty; leave it out for the first page').max(2048, 'cursor is too long').optional(),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    message: 'minPrice must not be greater than maxPrice',
    path: ['minPrice'],
  });

export type ListMineralsQuery = z.infer<typeof listMineralsQuery>;

export const mineralParams = z.strictObject({ id: idSchema });

const rating = z.object({ average: z.number().nullable(), count: z.number().int() });

const photoSchema = z.object({ alt: z.string(), src: z.string(), srcset: z.string(), thumb: z.string(), full: z.string() });

export const mineralCardSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(CATEGORY_IDS),
  priceCents: z.number().int().describe('The list price of one unit'),
  sale: z
    .object({ priceCents: z.number().int(), endsAt: z.string() })
    .nullable()
    .describe('A flash sale running now: one unit costs priceCents until endsAt'),
  bulkTiers: z
    .array(z.object({ minQuantity: z.number().int(), unitPriceCents: z.number().int() }))
    .describe('Quantity breaks: buying at least minQuantity, each unit costs unitPriceCents (the lower of this and a sale price applies)'),
  currency: z.literal('USD'),
  available: z.number().int(),
  image: z.string().describe('The generated picture of the specimen (shown when it has no photo)'),
  photo: photoSchema.nullable().describe('The main uploaded photo, in sizes for srcset'),
  origin: z.string(),
  mohsHardness: z.number(),
  weightGrams: z.number().int(),
  rating,
  createdAt: z.string(),
});

export const mineralDetailSchema = mineralCardSchema.extend({
  description: z.string(),
  quality: z.string(),
  popularity: z.number().int(),
  updatedAt: z.string(),
  photos: z.array(photoSchema).describe('Uploaded photos, the main one first'),
  dimensions: z.object({ lengthMm: z.number(), widthMm: z.number(), heightMm: z.number() }).nullable().describe('The specimen’s size, when the dealer measured it'),
  heldUntil: z
    .string()
    .nullable()
    .describe('When none is available because shoppers’ carts hold the units: when the last of those holds ends for now (if not bought, the units come back); null otherwise'),
});

export const mineralPageSchema = z.object({
  items: z.array(mineralCardSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
});

export const categoryListSchema = z.object({
  items: z.array(z.object({ id: z.enum(CATEGORY_IDS), name: z.string(), description: z.string() })),
});

// — restock watches —

export const watchRestockBody = z.strictObject({
  email: z
    .email('email must be an email address')
    .max(254, 'email is too long')
    .optional()
    .describe('Where to send the mail; required for guests, defaults to the account’s address for a signed-in shopper.'),
});

export type WatchRestockBody = z.infer<typeof watchRestockBody>;

export const restockWatchSchema = z.object({
  mineralId: z.string(),
  email: z.string().describe('The address that will be told: the one you gave, or your account’s.'),
  status: z
    .enum(['watching', 'pending_confirmation'])
    .describe('watching: the mail will come. pending_confirmation: a link to confirm was mailed to the address (unless one went recently); nothing is sent about the restock until it is used.'),
  createdAt: z.string().optional().describe('When this address started watching the mineral (the first time, when it already was); only for your own account’s address.'),
});

export const confirmRestockWatchBody = z.strictObject({
  mineralId: idSchema,
  email: z.email('email must be an email address').max(254, 'email is too long'),
  token: z.string().min(1, 'token is missing').max(2048, 'token is too long'),
});

export type ConfirmRestockWatchBody = z.infer<typeof confirmRestockWatchBody>;

export const unsubscribeRestockQuery = z.strictObject({
  mineralId: idSchema,
  email: z.email('email must be an email address').max(254, 'email is too long'),
  token: z.string().min(1, 'token is missing').max(2048, 'token is too long'),
});
