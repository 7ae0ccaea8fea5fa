// The admin console's contract for coupons and the Sales page. A coupon's code is case-insensitive
// (stored upper-cased) and unique; its rules are the pricing engine's (shared/domain/promotions.ts).
import * as z from 'zod';
import { CATEGORY_IDS } from '../../domain/catalog';
import { cursorParam, idSchema, limitParam } from './common';

export const COUPON_LIMIT = { default: 50, max: 100 } as const;

const couponCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/, 'code must be 3 to 32 letters, digits or hyphens, starting with a letter or digit')
  .transform((c) => c.toUpperCase());

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });
const uses = (name: string) => z.number().int(`${name} must be a whole number`).min(1, `${name} must be at least 1 (leave it out for no limit)`).max(1_000_000);

export const couponBenefitSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('percent'), bp: z.number().int().min(1, 'bp must be at least 1 (0.01%)').max(10_000, 'bp must be at most 10000 (100%)') }),
    z.strictObject({ kind: z.literal('fixed'), amountCents: z.number().int('amountCents must be whole cents').min(1, 'amountCents must be more than 0').max(10_000_000) }),
    z.strictObject({ kind: z.literal('free-shipping') }),
  ],
  { error: 'benefit.kind must be percent, fixed or free-shipping' },
);

const couponFields = {
  benefit: couponBenefitSchema,
  minSubtotalCents: z.number().int('minSubtotalCents must be whole cents').min(0).max(100_000_000),
  startsAt: instant.nullable(),
  endsAt: instant.nullable(),
  maxRedemptions: uses('maxRedemptions').nullable(),
  maxRedemptionsPerCustomer: uses('maxRedemptionsPerCustomer').nullable(),
  categories: z.array(z.enum(CATEGORY_IDS, { error: `categories must be among: ${CATEGORY_IDS.join(', ')}` })).max(CATEGORY_IDS.length),
  mineralIds: z.array(idSchema).max(100, 'at most 100 minerals'),
};

export const createCouponBody = z.strictObject({
  code: couponCode,
  benefit: couponFields.benefit,
  minSubtotalCents: couponFields.minSubtotalCents.optional().transform((v) => v ?? 0),
  startsAt: couponFields.startsAt.optional().transform((v) => v ?? null),
  endsAt: couponFields.endsAt.optional().transform((v) => v ?? null),
  maxRedemptions: couponFields.maxRedemptions.optional().transform((v) => v ?? null),
  maxRedemptionsPerCustomer: couponFields.maxRedemptionsPerCustomer.optional().transform((v) => v ?? null),
  categories: couponFields.categories.optional().transform((v) => [...new Set(v ?? [])]),
  mineralIds: couponFields.mineralIds.optional().transform((v) => [...new Set(v ?? [])]),
});
export type CreateCouponBody = z.infer<typeof createCouponBody>;

export const updateCouponBody = z
  .strictObject({
    ...Object.fromEntries(Object.entries(couponFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof couponFields]: z.ZodOptional<(typeof couponFields)[K]>;
    },
    expectedEditedAt: z.string().min(1).max(64).describe('The editedAt you read; another admin’s edit since → 409 with the fresh coupon'),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedEditedAt'), { message: 'Nothing to change' });
export type UpdateCouponBody = z.infer<typeof updateCouponBody>;

export const couponParams = z.strictObject({ code: couponCode });

export const listCouponsQuery = z.strictObject({ cursor: cursorParam, limit: limitParam(COUPON_LIMIT) });

// — responses —

export const COUPON_STATES = ['scheduled', 'active', 'used-up', 'ended'] as const;

export const adminCouponSchema = z.object({
  code: z.string(),
  benefit: couponBenefitSchema,
  description: z.string().describe('What it gives and on what, as the shopper’s quote words it'),
  minSubtotalCents: z.number().int(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  maxRedemptions: z.number().int().nullable(),
  maxRedemptionsPerCustomer: z.number().int().nullable(),
  categories: z.array(z.string()),
  mineralIds: z.array(z.string()),
  redemptions: z.number().int().describe('Orders that used it (paid, or awaiting payment and holding the use)'),
  state: z.enum(COUPON_STATES),
  createdAt: z.string(),
  editedAt: z.string().describe('Changes only with an admin’s edit; send it back as expectedEditedAt'),
});

export const adminCouponPageSchema = z.object({ items: z.array(adminCouponSchema), nextCursor: z.string().nullable() });

export const adminCouponDetailSchema = adminCouponSchema.extend({
  customers: z
    .array(z.object({ customer: z.string().describe('A shopper’s user id or a guest’s email'), times: z.number().int(), lastRedeemedAt: z.string().nullable() }))
    .describe('Who used it, at most 200'),
  moreCustomers: z.boolean(),
  orders: z.array(
    z.object({ orderId: z.string(), number: z.string(), status: z.string(), email: z.string(), createdAt: z.string(), totalCents: z.number().int(), discountCents: z.number().int() }),
  ),
  minerals: z.array(z.object({ id: z.string(), name: z.string() })).describe('The chosen minerals, by name'),
  rules: z.array(z.string()).describe('How the pricing engine applies any coupon'),
});

const saleSchema = z.object({
  mineralId: z.string(),
  name: z.string(),
  status: z.string(),
  priceCents: z.number().int(),
  salePriceCents: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
});

export const SALES_RECENT_DAYS = 30;

export const salesSchema = z.object({
  asOf: z.string(),
  now: z.array(saleSchema).describe('Running now, ending soonest first'),
  next: z.array(saleSchema).describe('Not started yet, starting soonest first'),
  ended: z.array(saleSchema).describe(`Ended in the last ${SALES_RECENT_DAYS} days, latest first`),
});
