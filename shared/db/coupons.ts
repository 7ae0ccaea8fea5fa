// Coupons and their redemption counts.
//
// A coupon is one item `COUPON#<CODE>` / `COUPON` (codes are case-insensitive: the key holds the
// code upper-cased) with the fields of the domain Coupon and `redemptions`, how often it has been
// redeemed by anyone. Each customer who redeemed it has an item `COUPON#<CODE>` / `REDEEMED#<key>`
// (key: the shopper's user id, or a guest's lower-cased email) whose `redemptions` counts their uses.
// Redeeming (bumping both, conditionally) happens when an order is paid; a quote only reads. The
// redemption item also keeps `orderIds`, the orders that used the coupon (a string set).
// Every coupon is in the adminLists index (gsi18pk = COUPONS, by code): the console's list.
// `editedAt` changes only with an admin's edit (redemptions move `updatedAt`), so an admin's stale
// edit is refused without a shopper's order ever making an admin's edit fail.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CATEGORY_IDS } from '../domain/catalog';
import type { Coupon } from '../domain/promotions';
import { decodeItem } from './decode';
import { dynamo, tableName } from './client';
import { fingerprint } from './cursor';
import { queryPage } from './query';
import { INDEXES } from './table';

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
      mineralIds: z.array(z.string()).optional(),
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
        Item: couponItem({ ...coupon, code }, at, options.redemptions ?? 0),
        ...(options.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (options.ifAbsent && error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

const COUPONS_PARTITION = 'COUPONS';

/** A coupon's whole item: its rules, its redemptions, and its key in the console's list. */
export function couponItem(coupon: Coupon, at: string, redemptions = 0) {
  const code = normalizeCouponCode(coupon.code);
  return {
    ...couponKey(code), entity: 'coupon', ...coupon, code, redemptions,
    [INDEXES.adminLists.pk]: COUPONS_PARTITION, [INDEXES.adminLists.sk]: code,
    createdAt: at, updatedAt: at, editedAt: at,
  };
}

/** A coupon as the console sees it: its rules, how often it was used, and when it was made and last edited. */
export interface AdminCouponRecord extends StoredCoupon {
  createdAt: string;
  editedAt: string;
}

function toAdminCouponRecord(item: Record<string, unknown>): AdminCouponRecord {
  const createdAt = typeof item.createdAt === 'string' ? item.createdAt : '';
  return { ...toCoupon(item), createdAt, editedAt: typeof item.editedAt === 'string' ? item.editedAt : createdAt };
}

/** The TransactWriteItems entry that creates a coupon, unless its code (in any case) is taken. */
export function newCouponPut(coupon: Coupon, at: string) {
  return { Put: { TableName: tableName, Item: couponItem(coupon, at), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** The fields an admin edits (never the code, nor the redemptions, which only orders move). */
export const EDITABLE_COUPON_FIELDS = [
  'benefit', 'minSubtotalCents', 'startsAt', 'endsAt', 'maxRedemptions', 'maxRedemptionsPerCustomer', 'categories', 'mineralIds',
] as const satisfies readonly (keyof Coupon)[];

/**
 * The TransactWriteItems entry that writes an admin's edit: every editable field (null clears one),
 * conditional on the coupon being as the admin read it (`editedAt`). An older item without `editedAt`
 * is matched by its `createdAt`, as the console was shown.
 */
export function couponEditUpdate(after: Coupon, seenEditedAt: string, at: string) {
  const names: Record<string, string> = { '#editedAt': 'editedAt', '#createdAt': 'createdAt' };
  const values: Record<string, unknown> = { ':seen': seenEditedAt, ':at': at };
  const sets = EDITABLE_COUPON_FIELDS.map((field, i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = after[field] ?? null;
    return `#f${i} = :f${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: couponKey(after.code),
      UpdateExpression: `SET ${sets.join(', ')}, #editedAt = :at`,
      ConditionExpression: 'attribute_exists(pk) AND (#editedAt = :seen OR (attribute_not_exists(#editedAt) AND #createdAt = :seen))',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** One page of every coupon by code (the console's list). */
export async function listCouponRecords(q: { limit: number; cursor?: string | undefined }) {
  const { pk, sk } = INDEXES.adminLists;
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': pk },
      ExpressionAttributeValues: { ':p': COUPONS_PARTITION },
    },
    { index: { pk, sk }, fingerprint: fingerprint({ list: COUPONS_PARTITION }), limit: q.limit, cursor: q.cursor },
  );
  return { items: page.items.map(toAdminCouponRecord), nextCursor: page.nextCursor };
}

/** Most customers' redemptions one read of a coupon lists (the console says when there are more). */
export const REDEMPTIONS_SHOWN = 200;

/**
 * A coupon with who used it: one Query of its partition (the coupon item sorts first, then each
 * customer's redemption item). Undefined when there is no such coupon.
 */
export async function getCouponRecord(code: string): Promise<
  | { coupon: AdminCouponRecord; redemptions: Array<{ customer: string; times: number; orderIds: string[]; lastRedeemedAt: string | null }>; more: boolean }
  | undefined
> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': couponKey(code).pk },
      ConsistentRead: true,
      Limit: REDEMPTIONS_SHOWN + 1,
    }),
  );
  const items = res.Items ?? [];
  const couponItemRead = items.find((i) => i.sk === 'COUPON');
  if (!couponItemRead) return undefined;
  const redemptions = items
    .filter((i) => typeof i.sk === 'string' && i.sk.startsWith('REDEEMED#'))
    .map((i) => ({
      customer: String(i.sk).slice('REDEEMED#'.length),
      times: Number(i.redemptions ?? 0),
      orderIds: i.orderIds instanceof Set ? [...(i.orderIds as Set<string>)].sort() : [],
      lastRedeemedAt: typeof i.lastRedeemedAt === 'string' ? i.lastRedeemedAt : null,
    }));
  return { coupon: toAdminCouponRecord(couponItemRead), redemptions, more: Boolean(res.LastEvaluatedKey) };
}
