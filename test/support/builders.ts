// Small builders for test data: a valid thing by default, overridden where the test cares.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Order, OrderItem, TimelineEntry } from '../../shared/db/orders';
import type { Mineral } from '../../shared/domain/catalog';
import { isPaid, orderNumber, paymentDeadline, type OrderStatus } from '../../shared/domain/orders';
import { quoteOrder, type QuoteLineInput } from '../../shared/domain/pricing';
import type { Coupon } from '../../shared/domain/promotions';

let counter = 0;

export function aMineral(overrides: Partial<Mineral> = {}): Mineral {
  counter += 1;
  const id = overrides.id ?? `specimen-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2026, 0, 1) + counter * 60_000).toISOString();
  return {
    id,
    name: `Specimen ${counter}`,
    category: 'silicates',
    description: 'A test specimen.',
    quality: 'Undamaged.',
    origin: 'Test Mine, Nowhere',
    mohsHardness: 7,
    weightGrams: 120,
    priceCents: 1000 + counter,
    currency: 'USD',
    available: 1,
    image: `/images/minerals/${id}.svg`,
    popularity: 0,
    ratingCount: 0,
    ratingSum: 0,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** A line of an order to build: what the catalog said about the mineral when it was ordered. */
export interface OrderLineSpec extends Omit<QuoteLineInput, 'flashSale' | 'bulkTiers'> {
  name: string;
}

export interface OrderOverrides extends Partial<Order> {
  /** The lines, priced by the real pricing engine (with `quote` given, they only name its minerals). */
  lines?: OrderLineSpec[];
  /** A coupon the order was placed with (its use counted as the first). */
  coupon?: Coupon;
}

const MINUTE_MS = 60_000;

/**
 * A valid order, priced by the pricing engine so its items, quote and total agree: by default two
 * lines shipped standard to Denver, placed by a new shopper, paid a minute after it was placed.
 */
export function anOrder(overrides: OrderOverrides = {}): Order {
  counter += 1;
  const { lines: lineSpecs, coupon, ...fields } = overrides;
  const orderId = fields.orderId ?? randomUUID();
  const createdAt = fields.createdAt ?? new Date(Date.UTC(2026, 1, 1) + counter * MINUTE_MS).toISOString();
  const placedAt = new Date(createdAt);
  const status: OrderStatus = fields.status ?? 'paid';
  const shippingMethod = fields.shippingMethod ?? 'standard';
  const address = fields.address ?? { name: 'Ada Stone', line1: '1 Quartz Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' };

  const lines = lineSpecs ?? [
    { mineralId: `rhodochrosite-${counter}`, name: 'Rhodochrosite', category: 'carbonates', unitPriceCents: 12_500, weightGrams: 300, quantity: 2 },
    { mineralId: `smoky-quartz-${counter}`, name: 'Smoky Quartz', category: 'silicates', unitPriceCents: 4_999, weightGrams: 450, quantity: 1 },
  ];
  const priced = quoteOrder({
    lines,
    coupon: coupon ? { coupon, usage: { redemptions: 0, customerRedemptions: 0 } } : null,
    destination: { country: address.country, region: address.region ?? null },
    shippingMethod,
    now: placedAt,
  });
  if (!priced.ok) throw new Error(`anOrder: the pricing engine refused the order: ${priced.rejections.map((r) => r.message).join('; ')}`);
  const quote = fields.quote ?? priced.quote;
  const items: OrderItem[] = quote.lines.map((line) => {
    const spec = lines.find((l) => l.mineralId === line.mineralId);
    return {
      mineralId: line.mineralId,
      name: spec?.name ?? line.mineralId,
      image: `/images/minerals/${line.mineralId}.svg`,
      category: line.category,
      quantity: line.quantity,
      listUnitPriceCents: line.listUnitPriceCents,
      unitPriceCents: line.unitPriceCents,
      subtotalCents: line.subtotalCents,
      couponDiscountCents: line.couponDiscountCents,
    };
  });

  const timeline: TimelineEntry[] = [
    { status: 'pending_payment', at: createdAt, by: 'shopper', note: null },
    ...(status === 'pending_payment' ? [] : [{ status, at: new Date(placedAt.getTime() + MINUTE_MS).toISOString(), by: 'system' as const, note: null }]),
  ];
  const paid = isPaid(status) || status === 'refunded';
  const updatedAt = timeline.at(-1)!.at;
  return {
    orderId,
    number: orderNumber(orderId),
    status,
    owner: { kind: 'shopper', userId: randomUUID() },
    email: `buyer-${orderId.slice(0, 8)}@example.com`,
    customerName: address.name,
    cartId: randomUUID(),
    items,
    address,
    shippingMethod,
    couponCode: coupon?.code ?? null,
    couponEffective: quote.coupon?.effective ?? false,
    quote,
    totalCents: quote.totalCents,
    refundedCents: 0,
    refunds: [],
    stockReview: [],
    disputes: [],
    paymentMismatch: null,
    returnedUnits: {},
    payment: { provider: 'sandbox', paymentId: `pi_test_${randomBytes(8).toString('hex')}`, status: paid ? 'succeeded' : 'open', failureMessage: null },
    paymentDeadline: paymentDeadline(placedAt).toISOString(),
    timeline,
    tracking: null,
    requestFingerprint: randomBytes(16).toString('hex'),
    eventIds: paid ? [`evt_test_${randomBytes(8).toString('hex')}`] : [],
    mailed: paid ? ['orderConfirmation:paid'] : [],
    version: timeline.length,
    createdAt,
    updatedAt,
    ...fields,
  };
}
