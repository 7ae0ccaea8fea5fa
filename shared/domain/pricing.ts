/**
 * The quote: what an order costs, line by line, and why. Pure — values in, values out; the same
 * input always gives the same quote, so removing a coupon and quoting again leaves no residue.
 *
 * STACKING AND ROUNDING RULES
 *
 * Amounts are integer US cents. Every rounding of money is `divideRounded` in money.ts: half away
 * from zero, exact (see there for why). Each amount is rounded once, where it is computed.
 *
 *  1. Unit price. A line's effective unit price is the LOWEST of: its list price; its flash-sale
 *     price, if the sale is active at `now`; its best bulk tier whose `minQuantity` ≤ the line's
 *     quantity. Best price wins — they never compound (no tier percentage on top of a sale price).
 *     A flash sale is active for startsAt ≤ now < endsAt: the start instant is in, the end is out.
 *     A percent markdown rounds the discount per unit (a unit price is whole cents), so a half
 *     cent goes to the shopper. Ties name the simpler source: regular, then flash sale, then tier.
 *  2. No cliff. A tier applies to every unit of the line (all-units pricing), but crossing a break
 *     never makes the line cheaper than one unit fewer: at a break of m units, the tier's unit
 *     price is raised if needed to the least whole-cent price p with m·p ≥ (m−1)·(price below the
 *     break). Well-made tiers are never raised; a tier made steep by a later list-price rise is.
 *     (That ceiling is a bound, not a rounding of an amount owed.) Adding a unit never lowers a subtotal.
 *  3. Subtotal = Σ quantity × effective unit price. Only this subtotal feeds the rules below.
 *  4. One coupon at most. It is rejected — the whole quote is, with a readable reason — when
 *     `now` is outside [startsAt, endsAt); when its redemptions have reached its overall limit, or
 *     this customer's have reached the per-customer limit; when it names categories and no line is
 *     in one; or when the ELIGIBLE subtotal (lines in its categories, at effective prices, before
 *     the coupon) is below its minimum. The minimum is inclusive: exactly the minimum qualifies.
 *  5. A percent coupon takes its percentage of the eligible subtotal at EFFECTIVE prices — on a
 *     flash-sale price, not the list price — rounded ONCE for the order, not per line: the
 *     discount a shopper sees is exactly that percentage of the subtotal they see, to the cent,
 *     where per-line rounding can drift by half a cent a line. 100 % makes the goods free.
 *     A fixed coupon takes its amount, capped at the eligible subtotal (never more than it covers).
 *     The order-level discount is then shared over the eligible lines in proportion to their
 *     subtotals, in whole cents that add up exactly (largest remainder), for partial refunds.
 *  6. Shipping: the destination's zone (unknown ⇒ rejected), the method's rate card, the band of
 *     the parcel weight (Σ line weights + packaging; a band includes its upper bound; above the
 *     heaviest band, a price per started kg). "Free shipping" always means: the STANDARD rate for
 *     this parcel is waived, once. The zone's threshold is met when the subtotal BEFORE the coupon
 *     reaches it (so a coupon can never make shipping cost more than the coupon saved); a
 *     free-shipping coupon waives the same standard rate. If the threshold has already waived it,
 *     the coupon takes nothing more and the quote says so (`coupon.effective: false`) — never a
 *     double discount. With express, the shopper pays the difference above the waived standard rate.
 *  7. Tax: the destination's jurisdiction (region entry, else country entry, else none collected).
 *     Base = goods after discounts + the shipping charged if that jurisdiction taxes shipping.
 *     Tax = base × the sum of the component rates, rounded ONCE (not per line, not per component).
 *  8. Total = subtotal − goods discounts + shipping charged + tax. It is never below zero by
 *     construction: no discount exceeds what it applies to, and tax is a non-negative rate of a
 *     non-negative base. It also equals subtotal − Σ discounts + shipping rate + tax, because every
 *     reduction (goods or shipping) is listed in `discounts`.
 *
 * Inputs come from the database and zod-validated requests; an impossible value (negative cents, a
 * fractional quantity, a 120 % coupon, the same mineral twice) is a bug and throws a RangeError.
 * A shopper's problem (unknown destination, unusable coupon, empty order) is a typed rejection.
 */

import type { CategoryId } from './catalog';
import {
  CURRENCY,
  allocateProportionally,
  assertCents,
  assertWhole,
  formatPpm,
  formatUsd,
  percentOf,
  rateOf,
  sumCents,
  type Cents,
  type Currency,
  type PartsPerMillion,
} from './money';
import {
  assertCoupon,
  assertMarkdown,
  checkCoupon,
  couponCoversLine,
  couponScope,
  describeCouponBenefit,
  isFlashSaleActive,
  markdownPrice,
  type BulkTier,
  type Coupon,
  type CouponBenefit,
  type CouponRejection,
  type CouponUsage,
  type FlashSale,
} from './promotions';
import {
  SHIPPING_TABLE,
  normalizeDestination,
  rateFor,
  zoneFor,
  type Destination,
  type ShippingMethod,
  type ShippingTable,
  type ShippingZone,
} from './shipping';
import { TAX_TABLE, combinedRatePpm, jurisdictionFor, type TaxComponent, type TaxTable } from './tax';

// ─── Input ───────────────────────────────────────────────────────────────────────────────────────

export interface QuoteLineInput {
  mineralId: string;
  category: CategoryId;
  /** The list (regular) price of one unit. */
  unitPriceCents: Cents;
  /** Weight of one unit, in grams. */
  weightGrams: number;
  quantity: number;
  flashSale?: FlashSale | null;
  bulkTiers?: readonly BulkTier[];
}

export interface QuoteInput {
  lines: readonly QuoteLineInput[];
  /** The coupon the shopper entered, with how often it has been redeemed; null for none. */
  coupon?: { coupon: Coupon; usage: CouponUsage } | null;
  destination: Destination;
  shippingMethod: ShippingMethod;
  now: Date;
}

/** The data tables a quote reads; tests may pass their own. */
export interface PricingTables {
  shipping: ShippingTable;
  tax: TaxTable;
}

export const DEFAULT_PRICING_TABLES: PricingTables = { shipping: SHIPPING_TABLE, tax: TAX_TABLE };

// ─── Output ──────────────────────────────────────────────────────────────────────────────────────

export type PriceSource = 'regular' | 'flash-sale' | 'bulk-tier';

export interface QuotedLine {
  mineralId: string;
  category: CategoryId;
  quantity: number;
  listUnitPriceCents: Cents;
  /** The price each unit is sold at, and which rule set it. */
  unitPriceCents: Cents;
  priceSource: PriceSource;
  /** The tier that set the price, when one did; `raisedByNoCliffRule` when rule 2 lifted it. */
  bulkTier: { minQuantity: number; listedUnitPriceCents: Cents; raisedByNoCliffRule: boolean } | null;
  /** quantity × unitPriceCents */
  subtotalCents: Cents;
  /** This line's share of the coupon's goods discount (0 when it is not covered). */
  couponDiscountCents: Cents;
  /** quantity × unit weight, in grams */
  weightGrams: number;
}

export type DiscountSource =
  | { kind: 'coupon'; code: string }
  | { kind: 'free-shipping-threshold'; minSubtotalCents: Cents };

/** One reduction of the price, what it came from and what it applied to. Only non-zero ones are listed. */
export interface Discount {
  source: DiscountSource;
  appliesTo: 'goods' | 'shipping';
  description: string;
  /** The amount it was computed on: the eligible subtotal, or the standard shipping rate. */
  baseCents: Cents;
  amountCents: Cents;
  /** For goods: each covered line's share, adding up to amountCents. Empty for shipping. */
  lines: readonly { mineralId: string; cents: Cents }[];
}

export interface AppliedCoupon {
  code: string;
  benefit: CouponBenefit;
  eligibleMineralIds: readonly string[];
  eligibleSubtotalCents: Cents;
  /** What it took off, goods or shipping. */
  discountCents: Cents;
  /**
   * False when it took nothing off — e.g. free shipping on an order that already ships free. The
   * order processor need not count such a use against the coupon's limits.
   */
  effective: boolean;
  message: string;
}

export interface ShippingQuote {
  zone: ShippingZone;
  method: ShippingMethod;
  itemsWeightGrams: number;
  packagingGrams: number;
  /** The parcel: items + packaging. */
  weightGrams: number;
  /** The band the parcel fell in (its upper bound), or null above every band. */
  bandUpToGrams: number | null;
  /** Started kilograms above the heaviest band. */
  extraKg: number;
  /** The method's price for this parcel, before any free-shipping rule. */
  rateCents: Cents;
  /** The standard price for this parcel: what free shipping waives. */
  standardRateCents: Cents;
  freeShippingThreshold: { minSubtotalCents: Cents; met: boolean } | null;
  waivedCents: Cents;
  waivedBy: 'threshold' | 'coupon' | null;
  /** What the shopper pays for shipping: rateCents − waivedCents. */
  cents: Cents;
}

export interface TaxQuote {
  jurisdiction: { id: string; name: string } | null;
  components: readonly TaxComponent[];
  ratePpm: PartsPerMillion;
  shippingTaxed: boolean;
  goodsBaseCents: Cents;
  shippingBaseCents: Cents;
  baseCents: Cents;
  cents: Cents;
  description: string;
}

export interface Quote {
  currency: Currency;
  lines: readonly QuotedLine[];
  subtotalCents: Cents;
  discounts: readonly Discount[];
  /** Σ discounts on goods. */
  goodsDiscountCents: Cents;
  shipping: ShippingQuote;
  tax: TaxQuote;
  coupon: AppliedCoupon | null;
  /** subtotal − goods discounts + shipping.cents + tax.cents; never below zero. */
  totalCents: Cents;
}

export type QuoteRejection =
  | CouponRejection
  | { reason: 'unknown-destination'; country: string; region: string | null; message: string }
  | { reason: 'empty-order'; message: string };

export type QuoteResult =
  | { ok: true; quote: Quote }
  | { ok: false; rejections: readonly [QuoteRejection, ...QuoteRejection[]] };

// ─── The engine ──────────────────────────────────────────────────────────────────────────────────

/** Prices an order by the rules at the top of this file. */
export function quoteOrder(input: QuoteInput, tables: PricingTables = DEFAULT_PRICING_TABLES): QuoteResult {
  assertInput(input);
  const rejections: QuoteRejection[] = [];

  if (input.lines.length === 0) rejections.push({ reason: 'empty-order', message: 'Your order is empty.' });

  const zone = zoneFor(input.destination);
  if ('problem' in zone) {
    const { country, region } = normalizeDestination(input.destination);
    rejections.push({ reason: 'unknown-destination', country, region, message: `We cannot ship there: ${zone.problem}` });
  }

  const priced = input.lines.map((line) => priceLine(line, input.now));
  const subtotalCents = sumCents(priced.map((l) => l.subtotalCents));

  const entered = input.coupon ?? null;
  const eligible = entered ? priced.filter((l) => couponCoversLine(entered.coupon, l)) : [];
  const eligibleSubtotalCents = sumCents(eligible.map((l) => l.subtotalCents));
  if (entered && input.lines.length > 0) {
    const problem = checkCoupon(entered.coupon, entered.usage, input.now, {
      hasEligibleLine: eligible.length > 0,
      eligibleSubtotalCents,
    });
    if (problem) rejections.push(problem);
  }

  const [first, ...rest] = rejections;
  if (first) return { ok: false, rejections: [first, ...rest] };
  if ('problem' in zone) throw new Error('unreachable: an unknown zone is a rejection');

  // Rule 5: the coupon's goods discount, rounded once, shared over the eligible lines.
  const discounts: Discount[] = [];
  const goodsDiscount = entered ? goodsDiscountCents(entered.coupon.benefit, eligibleSubtotalCents) : 0;
  const shares = allocateProportionally(goodsDiscount, eligible.map((l) => l.subtotalCents));
  const shareByMineral = new Map(eligible.map((l, i) => [l.mineralId, shares[i] ?? 0]));
  const lines: QuotedLine[] = priced.map((l) => ({ ...l, couponDiscountCents: shareByMineral.get(l.mineralId) ?? 0 }));
  if (entered && goodsDiscount > 0) {
    discounts.push({
      source: { kind: 'coupon', code: entered.coupon.code },
      appliesTo: 'goods',
      description: `Coupon ${entered.coupon.code}: ${describeCouponBenefit(entered.coupon.benefit)}${scopeOf(entered.coupon)}`,
      baseCents: eligibleSubtotalCents,
      amountCents: goodsDiscount,
      lines: eligible.map((l) => ({ mineralId: l.mineralId, cents: shareByMineral.get(l.mineralId) ?? 0 })),
    });
  }

  // Rule 6: shipping, and the standard rate waived at most once.
  const shippingTable = tables.shipping;
  const itemsWeightGrams = lines.reduce((sum, l) => sum + l.weightGrams, 0);
  const weightGrams = itemsWeightGrams + shippingTable.packagingGrams;
  const cards = shippingTable.rates[zone.zone];
  const rate = rateFor(cards[input.shippingMethod], weightGrams);
  const standardRateCents = rateFor(cards.standard, weightGrams).cents;
  const waivable = Math.min(standardRateCents, rate.cents);
  const thresholdCents = shippingTable.freeShippingMinSubtotalCents[zone.zone];
  const thresholdMet = thresholdCents !== undefined && subtotalCents >= thresholdCents;
  const freeShippingCoupon = entered?.coupon.benefit.kind === 'free-shipping';
  const waivedBy = thresholdMet ? 'threshold' : freeShippingCoupon ? 'coupon' : null;
  const waivedCents = waivedBy ? waivable : 0;
  if (waivedCents > 0) {
    const expressNote = input.shippingMethod === 'express' ? ' (express: you pay the difference)' : '';
    discounts.push({
      source:
        waivedBy === 'threshold'
          ? { kind: 'free-shipping-threshold', minSubtotalCents: thresholdCents ?? 0 }
          : { kind: 'coupon', code: entered?.coupon.code ?? '' },
      appliesTo: 'shipping',
      description:
        waivedBy === 'threshold'
          ? `Free standard shipping on orders of ${formatUsd(thresholdCents ?? 0)} or more${expressNote}`
          : `Coupon ${entered?.coupon.code ?? ''}: free standard shipping${expressNote}`,
      baseCents: standardRateCents,
      amountCents: waivedCents,
      lines: [],
    });
  }
  const shipping: ShippingQuote = {
    zone: zone.zone,
    method: input.shippingMethod,
    itemsWeightGrams,
    packagingGrams: shippingTable.packagingGrams,
    weightGrams,
    bandUpToGrams: rate.bandUpToGrams,
    extraKg: rate.extraKg,
    rateCents: rate.cents,
    standardRateCents,
    freeShippingThreshold: thresholdCents === undefined ? null : { minSubtotalCents: thresholdCents, met: thresholdMet },
    waivedCents,
    waivedBy,
    cents: rate.cents - waivedCents,
  };

  // Rule 7: tax on discounted goods (+ shipping where taxed), rounded once.
  const tax = taxFor(input.destination, tables.tax, subtotalCents - goodsDiscount, shipping.cents);

  const coupon: AppliedCoupon | null = entered
    ? describeOutcome(entered.coupon, eligible.map((l) => l.mineralId), eligibleSubtotalCents, {
        goodsDiscount,
        shippingWaived: waivedBy === 'coupon' ? waivedCents : 0,
        alreadyFreeByThreshold: freeShippingCoupon && thresholdMet,
        thresholdCents: thresholdCents ?? 0,
      })
    : null;

  // Rule 8. Non-negative by construction; a negative total here is a bug, not a price.
  const totalCents = subtotalCents - goodsDiscount + shipping.cents + tax.cents;
  if (totalCents < 0) throw new Error(`pricing bug: negative total ${totalCents}`);

  return {
    ok: true,
    quote: {
      currency: CURRENCY,
      lines,
      subtotalCents,
      discounts,
      goodsDiscountCents: goodsDiscount,
      shipping,
      tax,
      coupon,
      totalCents,
    },
  };
}

/** Rules 1 and 2: the effective unit price of a line, and where it came from. */
export function effectiveUnitPrice(
  line: Pick<QuoteLineInput, 'unitPriceCents' | 'quantity' | 'flashSale' | 'bulkTiers'>,
  now: Date,
): Pick<QuotedLine, 'unitPriceCents' | 'priceSource' | 'bulkTier'> {
  const list = line.unitPriceCents;
  const sale = line.flashSale && isFlashSaleActive(line.flashSale, now) ? markdownPrice(list, line.flashSale.markdown) : null;
  let best: Pick<QuotedLine, 'unitPriceCents' | 'priceSource' | 'bulkTier'> =
    sale !== null && sale < list
      ? { unitPriceCents: sale, priceSource: 'flash-sale', bulkTier: null }
      : { unitPriceCents: list, priceSource: 'regular', bulkTier: null };

  const tiers = [...(line.bulkTiers ?? [])]
    .filter((t) => t.minQuantity <= line.quantity)
    .sort((a, b) => a.minQuantity - b.minQuantity);
  // The price just below the current break: tiers sharing a break are floored against the same price.
  let belowBreak = best.unitPriceCents;
  let breakAt = 0;
  for (const tier of tiers) {
    if (tier.minQuantity !== breakAt) {
      belowBreak = best.unitPriceCents;
      breakAt = tier.minQuantity;
    }
    const listed = markdownPrice(list, tier.markdown);
    const m = BigInt(tier.minQuantity);
    const noCliffFloor = Number(((m - 1n) * BigInt(belowBreak) + m - 1n) / m);
    const price = Math.max(listed, noCliffFloor);
    if (price < best.unitPriceCents) {
      best = {
        unitPriceCents: price,
        priceSource: 'bulk-tier',
        bulkTier: { minQuantity: tier.minQuantity, listedUnitPriceCents: listed, raisedByNoCliffRule: price > listed },
      };
    }
  }
  return best;
}

function priceLine(line: QuoteLineInput, now: Date): Omit<QuotedLine, 'couponDiscountCents'> {
  const price = effectiveUnitPrice(line, now);
  return {
    mineralId: line.mineralId,
    category: line.category,
    quantity: line.quantity,
    listUnitPriceCents: line.unitPriceCents,
    ...price,
    subtotalCents: line.quantity * price.unitPriceCents,
    weightGrams: line.quantity * line.weightGrams,
  };
}

function goodsDiscountCents(benefit: CouponBenefit, eligibleSubtotalCents: Cents): Cents {
  switch (benefit.kind) {
    case 'percent':
      return percentOf(eligibleSubtotalCents, benefit.bp);
    case 'fixed':
      return Math.min(benefit.amountCents, eligibleSubtotalCents);
    case 'free-shipping':
      return 0;
  }
}

function taxFor(destination: Destination, table: TaxTable, goodsCents: Cents, shippingCents: Cents): TaxQuote {
  const jurisdiction = jurisdictionFor(destination, table);
  if (!jurisdiction) {
    const { country, region } = normalizeDestination(destination);
    return {
      jurisdiction: null,
      components: [],
      ratePpm: 0,
      shippingTaxed: false,
      goodsBaseCents: 0,
      shippingBaseCents: 0,
      baseCents: 0,
      cents: 0,
      description: `No sales tax or VAT is collected for ${region ? `${country}-${region}` : country}.`,
    };
  }
  const ratePpm = combinedRatePpm(jurisdiction);
  const shippingBaseCents = jurisdiction.shippingTaxed ? shippingCents : 0;
  const baseCents = goodsCents + shippingBaseCents;
  const cents = rateOf(baseCents, ratePpm);
  const what = jurisdiction.shippingTaxed ? 'goods and shipping' : 'goods (shipping is not taxed there)';
  return {
    jurisdiction: { id: jurisdiction.id, name: jurisdiction.name },
    components: jurisdiction.components,
    ratePpm,
    shippingTaxed: jurisdiction.shippingTaxed,
    goodsBaseCents: goodsCents,
    shippingBaseCents,
    baseCents,
    cents,
    description: `${jurisdiction.name} ${jurisdiction.components.map((c) => c.name).join(' + ')} at ${formatPpm(ratePpm)} on ${what}`,
  };
}

function describeOutcome(
  coupon: Coupon,
  eligibleMineralIds: readonly string[],
  eligibleSubtotalCents: Cents,
  effect: { goodsDiscount: Cents; shippingWaived: Cents; alreadyFreeByThreshold: boolean; thresholdCents: Cents },
): AppliedCoupon {
  const discountCents = effect.goodsDiscount + effect.shippingWaived;
  const base = { code: coupon.code, benefit: coupon.benefit, eligibleMineralIds, eligibleSubtotalCents, discountCents };
  if (effect.alreadyFreeByThreshold) {
    return {
      ...base,
      effective: false,
      message: `Your order already ships free (standard shipping is free on orders of ${formatUsd(effect.thresholdCents)} or more), so coupon ${coupon.code} adds nothing.`,
    };
  }
  if (discountCents === 0) {
    return { ...base, effective: false, message: `Coupon ${coupon.code} takes nothing off this order.` };
  }
  const capped =
    coupon.benefit.kind === 'fixed' && coupon.benefit.amountCents > effect.goodsDiscount
      ? `, capped at the ${formatUsd(eligibleSubtotalCents)} it applies to`
      : '';
  return {
    ...base,
    effective: true,
    message: `Coupon ${coupon.code}: ${describeCouponBenefit(coupon.benefit)}${scopeOf(coupon)} — you save ${formatUsd(discountCents)}${capped}.`,
  };
}

function scopeOf(coupon: Coupon): string {
  const scope = couponScope(coupon);
  return scope ? ` on ${scope}` : '';
}

function assertInput(input: QuoteInput): void {
  if (Number.isNaN(input.now.getTime())) throw new RangeError('now is not a valid date');
  const seen = new Set<string>();
  for (const line of input.lines) {
    if (seen.has(line.mineralId)) throw new RangeError(`mineral ${line.mineralId} appears on two lines`);
    seen.add(line.mineralId);
    assertCents(line.unitPriceCents, `list price of ${line.mineralId}`);
    assertWhole(line.quantity, `quantity of ${line.mineralId}`, 1);
    assertWhole(line.weightGrams, `weight of ${line.mineralId} (grams)`, 0);
    if (line.flashSale) assertMarkdown(line.flashSale.markdown, `flash sale of ${line.mineralId}`);
    for (const tier of line.bulkTiers ?? []) {
      assertWhole(tier.minQuantity, `bulk tier quantity of ${line.mineralId}`, 1);
      assertMarkdown(tier.markdown, `bulk tier of ${line.mineralId}`);
    }
  }
  if (input.coupon) assertCoupon(input.coupon.coupon, input.coupon.usage);
}
