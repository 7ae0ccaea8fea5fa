// Coupons and their redemption counts.
//
// A coupon is one item `COUPON#<CODE>` / `COUPON` (codes are case-insensitive: the key holds the
// code upper-cased) with the fields of the domain Coupon and `redemptions`, how often it has been
// redeemed by anyone. Each customer who redeemed it has an item `COUPON#<CODE>` / `REDEEMED#<key>`
// (key: the shopper's user id, or a guest's lower-cased email) whose `redemptions` counts their uses.
// Redeeming (bumping both, conditionally) happens when an order is paid; a quote only reads.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CATEGORY_IDS } from '../domain/catalog';
import type { Coupon } from '../domain/promotions';
import { decodeItem } from './decode';
import { dynamo, tableName } from './client';

export const normalizeCouponCode = (code: string) => code.trim().toUpperCase();

export const couponKey = (code: string) => ({ pk: `COUPON#${normalizeCouponCode(code)}`, sk: 'COUPON' });

/** Who a per-customer limit counts: a shopper by user id, a guest by email address. */
export type CustomerRef = { userId: string } | { email: string };

export function customerKey(customer: CustomerRef): string {
  return 'userId' in customer ? customer.userId : customer.email.trim().toLowerCase();
}

export const customerRedemptionKey = (code: string, customer: CustomerRef) => ({
  pk: `COUPON#${normalizeCouponCode(code)}`,
  sk: `REDEEMED#${customerKey(customer)}`,
});

export interface StoredCoupon {
  coupon: Coupon;
  /** Redemptions by everyone so far. */
  redemptions: number;
}

// Bounds and limits may be stored as null: the domain reads a missing one the same way.
const storedCouponSchema: z.ZodType<StoredCoupon> = z
  .preprocess(
    (item) => (item && typeof item === 'object' ? Object.fromEntries(Object.entries(item).filter(([, v]) => v !== null)) : item),
    z.object({
      code: z.string().min(1),
      benefit: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('percent'), bp: z.number().int().min(0).max(10_000) }),
        z.object({ kind: z.literal('fixed'), amountCents: z.number().int().min(0) }),
        z.object({ kind: z.literal('free-shipping') }),
      ]),
      minSubtotalCents: z.number().int().min(0).optional(),
      startsAt: z.string().optional(),
      endsAt: z.string().optional(),
      maxRedemptions: z.number().int().min(0).optional(),
      maxRedemptionsPerCustomer: z.number().int().min(0).optional(),
      categories: z.array(z.enum(CATEGORY_IDS)).optional(),
      redemptions: z.number().int().min(0).default(0),
    }),
  )
  .transform(({ redemptions, ...coupon }) => ({ coupon, redemptions }));

/** A coupon item as the pricing engine sees it; a malformed one is a CorruptItemError. */
export function toCoupon(item: Record<string, unknown>): StoredCoupon {
  return decodeItem(storedCouponSchema, item, 'coupon');
}

/** Reads a coupon by code (any case); undefined when there is no such coupon. */
export async function getCoupon(code: string): Promise<StoredCoupon | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: couponKey(code), ConsistentRead: true }));
  return res.Item ? toCoupon(res.Item) : undefined;
}

/**
 * The keys of a coupon and of this customer's redemptions of it, read strongly consistent with the
 * cart's minerals in one BatchGetItem (shared/checkout/quote.ts, readForPricing).
 */
export function couponReadKeys(code: string, customer: CustomerRef | null): Record<string, unknown>[] {
  return [couponKey(code), ...(customer ? [customerRedemptionKey(code, customer)] : [])];
}

/** What a coupon read found among the items read (couponReadKeys); undefined when there is no such coupon. */
export type CouponRead = { stored: StoredCoupon; customerRedemptions: number } | undefined;

export function couponFromItems(items: readonly Record<string, unknown>[]): CouponRead {
  const coupon = items.find((i) => i.sk === 'COUPON' && String(i.pk).startsWith('COUPON#'));
  if (!coupon) return undefined;
  const mine = items.find((i) => String(i.sk).startsWith('REDEEMED#'));
  return { stored: toCoupon(coupon), customerRedemptions: mine ? Number(mine.redemptions ?? 1) : 0 };
}

/**
 * Writes a coupon (seeding, tests; the admin CRUD later). With `ifAbsent`, an existing coupon of the
 * same code is left as it is and false is returned.
 */
export async function putCoupon(coupon: Coupon, options: { redemptions?: number; ifAbsent?: boolean; now?: Date } = {}): Promise<boolean> {
  const code = normalizeCouponCode(coupon.code);
  const at = (options.now ?? new Date()).toISOString();
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...couponKey(code), entity: 'coupon', ...coupon, code, redemptions: options.redemptions ?? 0, createdAt: at, updatedAt: at },
        ...(options.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (options.ifAbsent && error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
