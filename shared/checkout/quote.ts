// The checkout quote: what the caller's cart would cost, delivered here, by this method, with this
// coupon. Every price comes from the database and the pure pricing engine (shared/domain/pricing.ts);
// nothing the client says about money is read. Quoting writes nothing: holds are not touched and the
// coupon is not redeemed (that happens when the order is paid).
import { ownedCart, type CartCaller } from '../auth/cartAccess';
import { loadCart, type CartHeader, type CartLine } from '../db/carts';
import { couponFromItems, couponReadKeys, normalizeCouponCode, type CouponRead, type CustomerRef, type StoredCoupon } from '../db/coupons';
import { getMinerals, getMineralsWith } from '../db/minerals';
import type { Mineral } from '../domain/catalog';
import { quoteOrder, type Quote, type QuoteLineInput, type QuoteRejection } from '../domain/pricing';
import type { ShippingMethod } from '../domain/shipping';
import { ConflictError, ValidationError } from '../errors';

export interface QuoteRequest {
  cartId: string;
  address: { country: string; region?: string | undefined };
  shippingMethod: ShippingMethod;
  couponCode?: string | undefined;
  /** A guest's email, for the coupon's per-customer limit. */
  email?: string | undefined;
}

/** The API's error code for each reason the pricing engine rejects a quote. */
export const REJECTION_CODES: Record<QuoteRejection['reason'], string> = {
  'coupon-not-yet-valid': 'coupon_not_yet_valid',
  'coupon-expired': 'coupon_expired',
  'coupon-used-up': 'coupon_used_up',
  'coupon-customer-limit-reached': 'coupon_customer_limit_reached',
  'coupon-no-eligible-items': 'coupon_not_applicable',
  'coupon-below-minimum': 'coupon_below_minimum',
  'unknown-destination': 'cannot_ship_there',
  'empty-order': 'empty_cart',
};

const emptyCart = () => new ValidationError('Your cart is empty: add a mineral before checking out.', 'empty_cart');

/** Prices the caller's cart. 404 when the cart is not theirs; 400 with a readable reason when it cannot be priced. */
export async function quoteCheckout(request: QuoteRequest, caller: CartCaller, now = new Date()): Promise<Quote> {
  const { header, lines } = ownedCart(await loadCart(request.cartId), caller, request.cartId);
  if (header.status !== 'active' && header.status !== 'checkout') {
    throw new ConflictError('This cart was already checked out or merged; start a new cart.', 'cart_closed');
  }
  if (lines.length === 0) throw emptyCart();
  return priceCart(header, lines, await readForPricing(header, lines, request), request, now);
}

/** What pricing a cart reads (readForPricing): its minerals, and the coupon asked for as found. */
export interface PricingRead {
  minerals: Map<string, Mineral>;
  /** Undefined when no coupon was asked for, or there is no such coupon. */
  coupon: CouponRead;
}

/**
 * What pricing a cart reads: its minerals and, when a coupon is asked for, the coupon and this
 * customer's use of it, in one BatchGetItem (strongly consistent when there is a coupon: its limits).
 */
export async function readForPricing(header: CartHeader, lines: readonly CartLine[], request: Pick<QuoteRequest, 'couponCode' | 'email'>): Promise<PricingRead> {
  const ids = lines.map((l) => l.mineralId);
  if (request.couponCode === undefined) return { minerals: await getMinerals(ids), coupon: undefined };
  const keys = couponReadKeys(normalizeCouponCode(request.couponCode), customerOf(header, request.email));
  const { minerals, also } = await getMineralsWith(ids, keys, true);
  return { minerals, coupon: couponFromItems(also) };
}

/**
 * Prices a cart already read, with what readForPricing read: the one place a cart becomes a Quote,
 * for the quote route and for checkout alike. No I/O. Lines whose mineral is no longer sold are left
 * out, as the cart view leaves them out.
 */
export function priceCart(header: CartHeader, lines: readonly CartLine[], read: PricingRead, request: Omit<QuoteRequest, 'cartId'>, now: Date): Quote {
  return priceCartWithCoupon(header, lines, read, request, now).quote;
}

/** priceCart, also handing back the coupon as stored (its usage limits), for checkout to reserve a use. */
export function priceCartWithCoupon(
  header: CartHeader,
  lines: readonly CartLine[],
  { minerals, coupon: found }: PricingRead,
  request: Omit<QuoteRequest, 'cartId'>,
  now: Date,
): { quote: Quote; coupon: StoredCoupon | null } {
  let stored: StoredCoupon | undefined;
  const quoteLines: QuoteLineInput[] = lines.flatMap((line) => {
    const m = minerals.get(line.mineralId);
    if (!m) return [];
    return [
      {
        mineralId: m.id,
        category: m.category,
        unitPriceCents: m.priceCents,
        weightGrams: m.weightGrams,
        quantity: line.quantity,
        flashSale: m.flashSale ?? null,
        bulkTiers: m.bulkTiers ?? [],
      },
    ];
  });
  if (quoteLines.length === 0) throw emptyCart();

  let coupon: Parameters<typeof quoteOrder>[0]['coupon'] = null;
  if (request.couponCode !== undefined) {
    const code = normalizeCouponCode(request.couponCode);
    stored = found?.stored;
    if (!stored) throw new ValidationError(`There is no coupon ${code}. Check the code, or order without one.`, 'unknown_coupon');
    coupon = { coupon: stored.coupon, usage: { redemptions: stored.redemptions, customerRedemptions: found!.customerRedemptions } };
  }

  const result = quoteOrder({
    lines: quoteLines,
    coupon,
    destination: { country: request.address.country, region: request.address.region ?? null },
    shippingMethod: request.shippingMethod,
    now,
  });
  if (!result.ok) {
    const [first] = result.rejections;
    throw new ValidationError(result.rejections.map((r) => r.message).join(' '), REJECTION_CODES[first.reason], {
      details: { rejections: result.rejections.map((r) => ({ code: REJECTION_CODES[r.reason], message: r.message })) },
    });
  }
  return { quote: result.quote, coupon: stored ?? null };
}

/** Who a coupon's per-customer limit counts for this cart: the shopper, or a guest by email. */
export function customerOf(header: CartHeader, email: string | undefined): CustomerRef | null {
  if (header.owner.kind === 'shopper') return { userId: header.owner.userId };
  return email ? { email } : null;
}
