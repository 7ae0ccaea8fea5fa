// The checkout's HTTP contract. Bodies are strict: nothing the client says about money is accepted,
// so a `total` or `priceCents` in a body is a 400, not something quietly ignored.
import * as z from 'zod';
import { SHIPPING_METHODS, SHIPPING_ZONES } from '../../domain/shipping';
import { parseOrThrow } from '../validation';
import { freeText } from './common';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a cart id (a UUID)');

/** Where the order goes. Only country and region price it; the rest is carried for the label. */
export const checkoutAddressSchema = z.strictObject({
  name: freeText('name', { max: 100 }).optional(),
  line1: freeText('line1', { max: 120 }).optional(),
  line2: freeText('line2', { max: 120, min: 0 }).optional(),
  city: freeText('city', { max: 80 }).optional(),
  region: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,3}$/, 'region must be a state or province code such as CO or ON')
    .transform((r) => r.toUpperCase())
    .optional(),
  postalCode: z.string().trim().regex(/^[A-Za-z0-9 -]{2,12}$/, 'postalCode must be 2–12 letters, digits, spaces or dashes'),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'country must be a two-letter ISO code such as US or DE')
    .transform((c) => c.toUpperCase()),
  phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'phone must be a phone number').optional(),
});

export const quoteCheckoutBody = z.strictObject({
  cartId: uuid,
  address: checkoutAddressSchema,
  shippingMethod: z.enum(SHIPPING_METHODS, { error: `shippingMethod must be one of ${SHIPPING_METHODS.join(', ')}` }),
  couponCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'couponCode must be 1–40 letters, digits or dashes')
    .optional(),
  email: z
    .email('email must be an email address')
    .max(254, 'email is too long')
    .optional()
    .describe('A guest’s email address: a coupon’s per-customer limit is counted by it.'),
});

export type QuoteCheckoutBody = z.infer<typeof quoteCheckoutBody>;

const cents = z.number().int();
const couponBenefitSchema = z.union([
  z.object({ kind: z.literal('percent'), bp: z.number().int().describe('Basis points: 1000 = 10 %') }),
  z.object({ kind: z.literal('fixed'), amountCents: cents }),
  z.object({ kind: z.literal('free-shipping') }),
]);

export const quoteSchema = z
  .object({
    currency: z.literal('USD'),
    lines: z.array(
      z.object({
        mineralId: z.string(),
        category: z.string(),
        quantity: z.number().int(),
        listUnitPriceCents: cents,
        unitPriceCents: cents.describe('What each unit is sold at (list, flash-sale or bulk-tier price, the lowest)'),
        priceSource: z.enum(['regular', 'flash-sale', 'bulk-tier']),
        bulkTier: z
          .object({ minQuantity: z.number().int(), listedUnitPriceCents: cents, raisedByNoCliffRule: z.boolean() })
          .nullable(),
        subtotalCents: cents,
        couponDiscountCents: cents,
        weightGrams: z.number().int(),
      }),
    ),
    subtotalCents: cents,
    discounts: z.array(
      z.object({
        source: z.union([
          z.object({ kind: z.literal('coupon'), code: z.string() }),
          z.object({ kind: z.literal('free-shipping-threshold'), minSubtotalCents: cents }),
        ]),
        appliesTo: z.enum(['goods', 'shipping']),
        description: z.string(),
        baseCents: cents,
        amountCents: cents,
        lines: z.array(z.object({ mineralId: z.string(), cents })),
      }),
    ),
    goodsDiscountCents: cents,
    shipping: z.object({
      zone: z.enum(SHIPPING_ZONES),
      method: z.enum(SHIPPING_METHODS),
      itemsWeightGrams: z.number().int(),
      packagingGrams: z.number().int(),
      weightGrams: z.number().int(),
      bandUpToGrams: z.number().int().nullable(),
      extraKg: z.number().int(),
      rateCents: cents,
      standardRateCents: cents,
      freeShippingThreshold: z.object({ minSubtotalCents: cents, met: z.boolean() }).nullable(),
      waivedCents: cents,
      waivedBy: z.enum(['threshold', 'coupon']).nullable(),
      cents: cents.describe('What the shopper pays for shipping'),
    }),
    tax: z.object({
      jurisdiction: z.object({ id: z.string(), name: z.string() }).nullable(),
      components: z.array(z.object({ name: z.string(), ratePpm: z.number().int() })),
      ratePpm: z.number().int(),
      shippingTaxed: z.boolean(),
      goodsBaseCents: cents,
      shippingBaseCents: cents,
      baseCents: cents,
      cents,
      description: z.string(),
    }),
    coupon: z
      .object({
        code: z.string(),
        benefit: couponBenefitSchema,
        eligibleMineralIds: z.array(z.string()),
        eligibleSubtotalCents: cents,
        discountCents: cents,
        effective: z.boolean(),
        message: z.string(),
      })
      .nullable(),
    totalCents: cents.describe('subtotal − goods discounts + shipping + tax'),
  })
  .describe('The price of the cart, line by line and why; recomputed by the server on every request.');

/** A delivery address for an order: everything a parcel label needs. */
export const orderAddressSchema = checkoutAddressSchema.required({ name: true, line1: true, city: true });

export const placeOrderBody = z.strictObject({
  cartId: uuid,
  email: z.email('email must be an email address').max(254, 'email is too long').optional().describe('Required for guests: the receipt and tracking link go there.'),
  address: orderAddressSchema.optional(),
  addressId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'addressId must be the id of one of your saved addresses').optional(),
  shippingMethod: quoteCheckoutBody.shape.shippingMethod,
  couponCode: quoteCheckoutBody.shape.couponCode,
  saveCard: z.boolean().optional().describe('Keep the card for next time (signed-in shoppers).'),
});

export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

/** The optional Idempotency-Key header: a retried request with the same key returns the same answer. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{8,255}$/, 'Idempotency-Key must be 8–255 visible ASCII characters (a UUID per checkout attempt is ideal)');

/** The request's Idempotency-Key, if it sent one (a malformed key is a 400). */
export function readIdempotencyKey(headers: Record<string, string | undefined>): string | undefined {
  const key = headers['idempotency-key'];
  return key === undefined ? undefined : parseOrThrow(idempotencyKeyHeader, key, 'Idempotency-Key header');
}

export const placedOrderSchema = z.object({
  order: z.looseObject({ orderId: z.string(), number: z.string(), status: z.string() }).describe('The order (see GET /api/me/orders/{orderId})'),
  payment: z
    .object({
      provider: z.enum(['stripe', 'sandbox']),
      paymentId: z.string(),
      clientSecret: z.string().describe('For the browser to confirm the payment (Stripe.js, or the sandbox card form)'),
      publishableKey: z.string().nullable(),
      sandboxConfirmUrl: z.string().nullable(),
  })
    .nullable()
    .describe('null when there is nothing to pay: the order is paid at once'),
  trackingToken: z.string().optional().describe('Guests: opens GET /api/orders/{orderId}/tracking'),
});

export const orderPaymentSchema = placedOrderSchema.pick({ order: true, payment: true });
