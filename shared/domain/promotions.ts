// Promotions: flash sales and bulk tiers (which set a line's unit price) and coupons (which discount
// an order). Pure: values in, values out. The stacking rules that combine them live in pricing.ts.

import type { CategoryId } from './catalog';
import {
  BASIS_POINTS_PER_WHOLE,
  assertCents,
  assertWhole,
  formatBasisPoints,
  formatUsd,
  percentOf,
  type BasisPoints,
  type Cents,
} from './money';

/** How a promotion lowers a unit price: to a set price, or by a percentage of the list price. */
export type Markdown =
  | { kind: 'price'; unitPriceCents: Cents }
  | { kind: 'percent-off'; bp: BasisPoints };

/** A time-limited price on one mineral. Active for startsAt ≤ now < endsAt (ISO-8601 instants). */
export interface FlashSale {
  markdown: Markdown;
  startsAt: string;
  endsAt: string;
}

/** A quantity break: a line of at least `minQuantity` units gets the markdown on every unit. */
export interface BulkTier {
  minQuantity: number;
  markdown: Markdown;
}

/** What a coupon gives. Percent and fixed discount goods; free shipping waives the standard rate. */
export type CouponBenefit =
  | { kind: 'percent'; bp: BasisPoints }
  | { kind: 'fixed'; amountCents: Cents }
  | { kind: 'free-shipping' };

export interface Coupon {
  code: string;
  benefit: CouponBenefit;
  /** Least eligible subtotal (at effective prices, before the coupon) the coupon needs. 0 = none. */
  minSubtotalCents?: number;
  /** Valid for startsAt ≤ now < endsAt; a missing bound is open. */
  startsAt?: string | null;
  endsAt?: string | null;
  /** Most redemptions ever, and per customer; null or missing = unlimited. */
  maxRedemptions?: number | null;
  maxRedemptionsPerCustomer?: number | null;
  /**
   * What the coupon applies to: lines in one of `categories` or of one of `mineralIds`. Both empty or
   * missing = every line.
   */
  categories?: readonly CategoryId[];
  mineralIds?: readonly string[];
}

/** How often the coupon has been redeemed: by everyone, and by this customer. */
export interface CouponUsage {
  redemptions: number;
  customerRedemptions: number;
}

/** Why a coupon cannot be used on this order. Each carries a message a shopper can read. */
export type CouponRejection =
  | { reason: 'coupon-not-yet-valid'; couponCode: string; startsAt: string; message: string }
  | { reason: 'coupon-expired'; couponCode: string; endsAt: string; message: string }
  | { reason: 'coupon-used-up'; couponCode: string; maxRedemptions: number; message: string }
  | { reason: 'coupon-customer-limit-reached'; couponCode: string; maxRedemptionsPerCustomer: number; message: string }
  | { reason: 'coupon-no-eligible-items'; couponCode: string; categories: readonly CategoryId[]; mineralIds: readonly string[]; message: string }
  | {
      reason: 'coupon-below-minimum';
      couponCode: string;
      minSubtotalCents: Cents;
      eligibleSubtotalCents: Cents;
      message: string;
    };

/** The unit price a markdown gives. A percentage rounds the discount, so a half cent goes to the shopper. */
export function markdownPrice(listUnitPriceCents: Cents, markdown: Markdown): Cents {
  if (markdown.kind === 'price') return markdown.unitPriceCents;
  return listUnitPriceCents - percentOf(listUnitPriceCents, markdown.bp);
}

/** Whether `now` is inside [startsAt, endsAt): the start instant counts, the end instant does not. */
export function isWithinWindow(now: Date, startsAt: string | null | undefined, endsAt: string | null | undefined): boolean {
  const t = now.getTime();
  if (startsAt != null && t < instant(startsAt, 'window start')) return false;
  if (endsAt != null && t >= instant(endsAt, 'window end')) return false;
  return true;
}

export function isFlashSaleActive(sale: FlashSale, now: Date): boolean {
  return isWithinWindow(now, sale.startsAt, sale.endsAt);
}

/** A mineral's flash-sale price while its sale runs (null otherwise): what one unit costs now, and until when. */
export function activeSalePrice(
  listUnitPriceCents: Cents,
  sale: FlashSale | null | undefined,
  now: Date,
): { priceCents: Cents; endsAt: string } | null {
  if (!sale || !isFlashSaleActive(sale, now)) return null;
  const priceCents = markdownPrice(listUnitPriceCents, sale.markdown);
  return priceCents < listUnitPriceCents ? { priceCents, endsAt: sale.endsAt } : null;
}

/**
 * The first thing wrong with using `coupon` now, checked in this order: validity window, overall
 * limit, this customer's limit, categories, minimum. `eligibleSubtotalCents` is the subtotal of the
 * lines the coupon covers, at their effective prices; `hasEligibleLine` says whether any line
 * matches its categories.
 */
export function checkCoupon(
  coupon: Coupon,
  usage: CouponUsage,
  now: Date,
  eligible: { hasEligibleLine: boolean; eligibleSubtotalCents: Cents },
): CouponRejection | null {
  const couponCode = coupon.code;
  if (coupon.startsAt != null && now.getTime() < instant(coupon.startsAt, 'coupon start')) {
    return {
      reason: 'coupon-not-yet-valid',
      couponCode,
      startsAt: coupon.startsAt,
      message: `Coupon ${couponCode} is not valid yet: it starts ${coupon.startsAt}.`,
    };
  }
  if (coupon.endsAt != null && now.getTime() >= instant(coupon.endsAt, 'coupon end')) {
    return {
      reason: 'coupon-expired',
      couponCode,
      endsAt: coupon.endsAt,
      message: `Coupon ${couponCode} expired ${coupon.endsAt}.`,
    };
  }
  if (coupon.maxRedemptions != null && usage.redemptions >= coupon.maxRedemptions) {
    return {
      reason: 'coupon-used-up',
      couponCode,
      maxRedemptions: coupon.maxRedemptions,
      message: `Coupon ${couponCode} has been used up.`,
    };
  }
  if (coupon.maxRedemptionsPerCustomer != null && usage.customerRedemptions >= coupon.maxRedemptionsPerCustomer) {
    const times = coupon.maxRedemptionsPerCustomer === 1 ? 'once' : `${coupon.maxRedemptionsPerCustomer} times`;
    return {
      reason: 'coupon-customer-limit-reached',
      couponCode,
      maxRedemptionsPerCustomer: coupon.maxRedemptionsPerCustomer,
      message: `You have already used coupon ${couponCode} ${times}, which is its limit per customer.`,
    };
  }
  if (!eligible.hasEligibleLine) {
    const categories = coupon.categories ?? [];
    const mineralIds = coupon.mineralIds ?? [];
    const where = categories.length === 1 ? 'that category' : 'those categories';
    return {
      reason: 'coupon-no-eligible-items',
      couponCode,
      categories,
      mineralIds,
      message:
        mineralIds.length === 0
          ? `Coupon ${couponCode} applies only to ${categories.join(', ')}, and nothing in your order is in ${where}.`
          : `Coupon ${couponCode} applies only to ${couponScope(coupon)}, and nothing in your order is among them.`,
    };
  }
  const minimum = coupon.minSubtotalCents ?? 0;
  if (eligible.eligibleSubtotalCents < minimum) {
    const scope = isScoped(coupon) ? ` of ${couponScope(coupon)}` : '';
    return {
      reason: 'coupon-below-minimum',
      couponCode,
      minSubtotalCents: minimum,
      eligibleSubtotalCents: eligible.eligibleSubtotalCents,
      message: `Coupon ${couponCode} needs ${formatUsd(minimum)}${scope}; your order has ${formatUsd(eligible.eligibleSubtotalCents)}.`,
    };
  }
  return null;
}

const isScoped = (coupon: Coupon) => Boolean(coupon.categories?.length || coupon.mineralIds?.length);

/** Whether a coupon covers a line: it names neither categories nor minerals, or it names the line's. */
export function couponCoversLine(coupon: Coupon, line: { category: CategoryId; mineralId: string }): boolean {
  if (!isScoped(coupon)) return true;
  return Boolean(coupon.categories?.includes(line.category) || coupon.mineralIds?.includes(line.mineralId));
}

/** What a scoped coupon applies to, in words: "oxides, halides", "2 chosen specimens", or both; '' for every line. */
export function couponScope(coupon: Coupon): string {
  const parts: string[] = [];
  if (coupon.categories?.length) parts.push(coupon.categories.join(', '));
  const n = coupon.mineralIds?.length ?? 0;
  if (n > 0) parts.push(n === 1 ? '1 chosen specimen' : `${n} chosen specimens`);
  return parts.join(' and ');
}

/** A short description of what a coupon gives, for the discount line of a quote. */
export function describeCouponBenefit(benefit: CouponBenefit): string {
  switch (benefit.kind) {
    case 'percent':
      return `${formatBasisPoints(benefit.bp)} off`;
    case 'fixed':
      return `${formatUsd(benefit.amountCents)} off`;
    case 'free-shipping':
      return 'free standard shipping';
  }
}

/** Throws a RangeError for a markdown no admin form should have let through. */
export function assertMarkdown(markdown: Markdown, what: string): void {
  if (markdown.kind === 'price') assertCents(markdown.unitPriceCents, `${what} price`);
  else assertWhole(markdown.bp, `${what} percent-off (basis points)`, 0, BASIS_POINTS_PER_WHOLE);
}

/** Throws a RangeError for a coupon or usage count no admin form should have let through. */
export function assertCoupon(coupon: Coupon, usage: CouponUsage): void {
  const b = coupon.benefit;
  if (b.kind === 'percent') assertWhole(b.bp, `coupon ${coupon.code} percent (basis points)`, 1, BASIS_POINTS_PER_WHOLE);
  if (b.kind === 'fixed') assertWhole(b.amountCents, `coupon ${coupon.code} amount (cents)`, 1);
  if (coupon.minSubtotalCents != null) assertCents(coupon.minSubtotalCents, `coupon ${coupon.code} minimum`);
  if (coupon.maxRedemptions != null) assertWhole(coupon.maxRedemptions, 'coupon overall limit', 0);
  if (coupon.maxRedemptionsPerCustomer != null) assertWhole(coupon.maxRedemptionsPerCustomer, 'coupon per-customer limit', 0);
  assertWhole(usage.redemptions, 'coupon redemptions', 0);
  assertWhole(usage.customerRedemptions, 'coupon redemptions by this customer', 0);
}

function instant(iso: string, what: string): number {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RangeError(`${what} is not an ISO-8601 instant: ${iso}`);
  return t;
}

/** Where a coupon stands at `now`, as the console lists it. */
export type CouponState = 'scheduled' | 'active' | 'used-up' | 'ended';

export function couponState(coupon: Coupon, redemptions: number, now: Date): CouponState {
  if (coupon.endsAt != null && now.getTime() >= instant(coupon.endsAt, 'coupon end')) return 'ended';
  if (coupon.maxRedemptions != null && redemptions >= coupon.maxRedemptions) return 'used-up';
  if (coupon.startsAt != null && now.getTime() < instant(coupon.startsAt, 'coupon start')) return 'scheduled';
  return 'active';
}

/**
 * What is wrong with a coupon an admin wrote, beyond each field's own bounds (the API's schema checks
 * those): its window, its limits, its minimum. Null when it can be saved.
 */
export function couponRuleProblem(coupon: Coupon): string | null {
  if (coupon.startsAt != null && coupon.endsAt != null && instant(coupon.startsAt, 'coupon start') >= instant(coupon.endsAt, 'coupon end')) {
    return 'The coupon must start before it ends.';
  }
  if (coupon.maxRedemptions != null && coupon.maxRedemptionsPerCustomer != null && coupon.maxRedemptionsPerCustomer > coupon.maxRedemptions) {
    return 'Uses per customer cannot be more than the total uses.';
  }
  if (coupon.benefit.kind === 'fixed' && coupon.minSubtotalCents != null && coupon.minSubtotalCents > 0 && coupon.benefit.amountCents > coupon.minSubtotalCents) {
    // Not an error for the engine (a fixed coupon is capped at what it covers), but never what a dealer means.
    return `A ${formatUsd(coupon.benefit.amountCents)} coupon with a ${formatUsd(coupon.minSubtotalCents)} minimum gives some orders their goods free: raise the minimum or lower the amount.`;
  }
  return null;
}

