// Checkout: the caller's cart becomes an order awaiting payment, and a payment is opened for it.
//
// The server prices the cart again (nothing the client says about money is read), opens the payment
// for that total (idempotency key derived from the new order's id), then writes the order with the
// prices it will charge and its payment, freezes the cart and stretches its holds over the payment
// window (one transaction: shared/db/orderStock.ts). A payment whose order was not written (the stock
// or the cart changed) is cancelled; its client secret was never given out. The same request again
// finds the cart's open order and returns it, so a retry never makes a second order or a second
// payment; an `Idempotency-Key` header (checkout route) makes a retried request return the very same
// answer.
import { createHash, randomUUID } from 'node:crypto';
import { ownedCart, type CartCaller } from '../auth/cartAccess';
import { loadCart, type CartHeader, type CartLine } from '../db/carts';
import { retryOnConflict } from '../db/conflicts';
import { couponCustomerOf, CouponUsedUpError, OrderChangedError, placeOrderTransaction } from '../db/orderStock';
import { getOrder, setOrderPayment, type Order, type OrderAddress } from '../db/orders';
import { getUser } from '../db/users';
import { refreshCartForCheckout } from '../carts/carts';
import { HOLD_GRACE_AFTER_PAYMENT_WINDOW_MINUTES, isAwaitingPayment, orderNumber, paymentDeadline } from '../domain/orders';
import type { ShippingMethod } from '../domain/shipping';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { paymentWindowMinutes } from '../orders/paymentWindow';
import { applyPaymentEvent } from '../orders/processPayment';
import { orderOfTrackingLink, trackingTokenOf } from '../orders/trackingLinks';
import { orderView } from '../orders/views';
import { paymentCustomerFor } from '../payments/customers';
import { paymentGateway } from '../payments/gateway';
import type { Payment, PaymentClientConfig } from '../payments/port';
import { logger } from '../logger';
import { priceCartWithCoupon, readForPricing, REJECTION_CODES } from './quote';


export interface PlaceOrderRequest {
  cartId: string;
  /** Guests must give one; a shopper's account address is used otherwise. */
  email?: string | undefined;
  /** Where to deliver; a shopper may name a saved address by `addressId` instead. */
  address?: OrderAddress | undefined;
  addressId?: string | undefined;
  shippingMethod: ShippingMethod;
  couponCode?: string | undefined;
  /** Keep the card for next time (shoppers only). */
  saveCard?: boolean | undefined;
}

export interface PlacedOrder {
  /** False when the request found its cart's open order (a retry): nothing new was made. */
  created: boolean;
  order: ReturnType<typeof orderView>;
  /** What the browser needs to pay; null when there is nothing to pay (a 100 % coupon and free shipping). */
  payment: (PaymentClientConfig & { paymentId: string; clientSecret: string }) | null;
  /** For a guest: the secret that opens the order's tracking page (also in the confirmation mail). */
  trackingToken?: string;
}

/** Places an order for the caller's cart (or returns the one already placed by the same request). */
export async function placeOrder(request: PlaceOrderRequest, caller: CartCaller, now = new Date()): Promise<PlacedOrder> {
  let cart = ownedCart(await loadCart(request.cartId), caller, request.cartId);
  const shopper = cart.header.owner.kind === 'shopper' ? await getUser(cart.header.owner.userId) : undefined;
  const { email, name, address } = whoAndWhere(request, cart.header, shopper);
  const fingerprint = requestFingerprint(request, email, address);

  if (cart.header.status === 'checkout') return resumeOpenOrder(cart.header, fingerprint, request);
  if (cart.header.status !== 'active') throw new ConflictError('This cart was already checked out or merged; start a new cart.', 'cart_closed');
  if (cart.lines.length === 0) throw new ValidationError('Your cart is empty: add a mineral before checking out.', 'empty_cart');

  // Every line must hold all it wants right now; if not, the cart view re-acquires what it can.
  if (cart.lines.some((l) => !fullyHeld(l, now))) {
    const view = await refreshCartForCheckout(request.cartId, caller, now);
    if (view.notices.length > 0) {
      throw new ConflictError('Your cart changed: some stock ran out. Review your cart before paying.', 'cart_changed', {
        details: { notices: view.notices },
      });
    }
    const again = await loadCart(request.cartId);
    if (!again || again.lines.some((l) => !fullyHeld(l, now))) throw cartChanged();
    cart = again;
  }
  const { header, lines } = cart;
  const read = await readForPricing(header, lines, { couponCode: request.couponCode, email });
  const { minerals } = read;
  const { quote, coupon } = priceCartWithCoupon(header, lines, read, { ...request, address, email }, now);

  const orderId = randomUUID();
  const deadline = paymentDeadline(now, paymentWindowMinutes);
  const holdUntil = new Date(deadline.getTime() + HOLD_GRACE_AFTER_PAYMENT_WINDOW_MINUTES * 60_000).toISOString();
  const gateway = await paymentGateway();
  const order: Order = {
    orderId,
    number: orderNumber(orderId),
    status: 'pending_payment',
    owner: header.owner.kind === 'shopper' ? { kind: 'shopper', userId: header.owner.userId } : { kind: 'guest' },
    email,
    customerName: name,
    cartId: header.cartId,
    items: quote.lines.map((l) => {
      const m = minerals.get(l.mineralId)!;
      return {
        mineralId: l.mineralId,
        name: m.name,
        image: m.image,
        category: l.category,
        quantity: l.quantity,
        listUnitPriceCents: l.listUnitPriceCents,
        unitPriceCents: l.unitPriceCents,
        subtotalCents: l.subtotalCents,
        couponDiscountCents: l.couponDiscountCents,
      };
    }),
    address,
    shippingMethod: request.shippingMethod,
    couponCode: quote.coupon?.code ?? null,
    couponEffective: quote.coupon?.effective ?? false,
    quote,
    totalCents: quote.totalCents,
    refundedCents: 0,
    refunds: [],
    stockReview: [],
    disputes: [],
    paymentMismatch: null,
    returnedUnits: {},
    payment: { provider: gateway.kind, paymentId: null, status: 'open', failureMessage: null },
    paymentDeadline: deadline.toISOString(),
    timeline: [{ status: 'pending_payment', at: now.toISOString(), by: 'shopper', note: null }],
    tracking: null,
    requestFingerprint: fingerprint,
    eventIds: [],
    mailed: [],
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  // Lines left out of the quote (a mineral no longer sold) would stay frozen: refuse rather than strand them.
  if (order.items.length !== lines.length) throw cartChanged();

  // Opened before the order is written, so the order carries its payment from the start (no second
  // write to record it, no order that a crash left without one).
  const payment = order.totalCents > 0 ? await openPayment(order, request.saveCard) : null;
  if (payment) order.payment.paymentId = payment.paymentId;
  try {
    const reservation =
      coupon && order.couponCode && order.couponEffective
        ? {
            code: order.couponCode,
            customer: couponCustomerOf(order),
            maxRedemptions: coupon.coupon.maxRedemptions ?? null,
            maxRedemptionsPerCustomer: coupon.coupon.maxRedemptionsPerCustomer ?? null,
          }
        : null;
    // A transient conflict (another transaction on the same mineral at that instant) is sent again, not a 409.
    await retryOnConflict(() => placeOrderTransaction(order, header, lines, holdUntil, reservation, now));
  } catch (error) {
    if (payment) await abandonPayment(order, payment.paymentId);
    if (error instanceof OrderChangedError) throw cartChanged();
    if (error instanceof CouponUsedUpError && error.limit === 'per-customer') {
      // The quote's code for the same rule: another order of this customer's took their last use meanwhile.
      throw new ValidationError(
        `You have just used coupon ${order.couponCode} on another order, which was its limit per customer. Order without it, or try another.`,
        REJECTION_CODES['coupon-customer-limit-reached'],
      );
    }
    if (error instanceof CouponUsedUpError) {
      throw new ValidationError(`Coupon ${order.couponCode} has just been used up. Order without it, or try another.`, REJECTION_CODES['coupon-used-up']);
    }
    throw error;
  }
  return { created: true, ...(await withPayment(order, request.saveCard, payment ?? undefined)) };
}

async function openPayment(order: Order, saveCard: boolean | undefined): Promise<Payment> {
  const gateway = await paymentGateway();
  const customerId = order.owner.kind === 'shopper' ? await paymentCustomerFor(order.owner.userId, order.email) : undefined;
  return gateway.createPayment({
    orderId: order.orderId,
    amountCents: order.totalCents,
    currency: 'usd',
    email: order.email,
    customerId,
    savePaymentMethod: order.owner.kind === 'shopper' && saveCard === true,
    idempotencyKey: `order-${order.orderId}-payment`,
  });
}

/** The order was not written: its payment, never shown to anyone, is cancelled (best effort: unpaid, it costs nothing). */
async function abandonPayment(order: Order, paymentId: string): Promise<void> {
  try {
    await (await paymentGateway()).cancelPayment(paymentId, `order-${order.orderId}-abandoned`);
  } catch (error) {
    logger.warn('Could not cancel the payment of an order that was not placed', { orderId: order.orderId, paymentId, error });
  }
}

const cartChanged = () =>
  new ConflictError('Your cart changed while you were checking out. Review it and try again.', 'cart_changed', { details: { notices: [] } });

function fullyHeld(line: CartLine, now: Date): boolean {
  return line.held >= line.quantity && line.holdExpiresAt !== null && new Date(line.holdExpiresAt) > now;
}

type Shopper = NonNullable<Awaited<ReturnType<typeof getUser>>>;

/** Whose order it is and where it goes: a guest's email and address, or a shopper's account and (saved) address. */
function whoAndWhere(request: PlaceOrderRequest, header: CartHeader, shopper: Shopper | undefined): { email: string; name: string; address: OrderAddress } {
  if (request.address && request.addressId) {
    throw new ValidationError('Give either an address or the id of a saved address, not both.', 'invalid_address');
  }
  let address = request.address;
  if (request.addressId) {
    if (!shopper) throw new ValidationError('Sign in to use a saved address.', 'invalid_address');
    const saved = shopper.addresses.find((a) => a.id === request.addressId);
    if (!saved) throw new NotFoundError(`You have no saved address with id ${request.addressId}.`);
    address = { ...saved, country: saved.country.toUpperCase(), region: saved.region?.toUpperCase() };
  }
  if (!address) throw new ValidationError('Say where to deliver: an address, or the id of a saved address.', 'address_required');
  if (header.owner.kind === 'shopper') {
    if (!shopper || shopper.disabled) throw new NotFoundError(`No cart with id ${header.cartId}.`);
    return { email: request.email ?? shopper.email, name: shopper.name, address };
  }
  if (!request.email) throw new ValidationError('Give an email address: the receipt and the tracking link go there.', 'email_required');
  return { email: request.email, name: address.name, address };
}

function requestFingerprint(request: PlaceOrderRequest, email: string, address: OrderAddress): string {
  const parts = [request.cartId, email.toLowerCase(), address, request.shippingMethod, request.couponCode?.trim().toUpperCase() ?? null];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** The cart already has an order awaiting payment: the same request gets it back; a different one is told to finish or cancel it. */
async function resumeOpenOrder(header: CartHeader, fingerprint: string, request: PlaceOrderRequest): Promise<PlacedOrder> {
  const order = header.checkoutOrderId ? await getOrder(header.checkoutOrderId) : undefined;
  if (!order || !isAwaitingPayment(order.status)) throw cartChanged();
  if (order.requestFingerprint !== fingerprint) {
    throw new ConflictError(
      `This cart is being paid for in order ${order.number}. Pay for it, or cancel it to change the cart, address or shipping.`,
      'checkout_in_progress',
      { details: { orderId: order.orderId } },
    );
  }
  return { created: false, ...(await withPayment(order, request.saveCard)) };
}

/**
 * The answer for an order and its payment: the one just opened, or the order's own read again. An
 * order placed before payments were opened first may have none yet (its process died): it is opened
 * now, with the same idempotency key, and recorded.
 */
async function withPayment(order: Order, saveCard: boolean | undefined, opened?: Payment): Promise<Omit<PlacedOrder, 'created'>> {
  if (order.totalCents === 0) return settleFreeOrder(order);
  const gateway = await paymentGateway();
  let payment = opened;
  if (!payment && order.payment.paymentId) {
    payment = await gateway.getPayment(order.payment.paymentId);
  } else if (!payment) {
    payment = await openPayment(order, saveCard);
    await setOrderPayment(order.orderId, payment.paymentId);
    order = { ...order, payment: { ...order.payment, paymentId: payment.paymentId } };
  }
  return {
    order: orderView(order),
    payment: { ...gateway.clientConfig(), paymentId: payment.paymentId, clientSecret: payment.clientSecret },
    ...(order.owner.kind === 'guest' ? { trackingToken: await trackingTokenOf(order) } : {}),
  };
}

/**
 * Nothing to pay: no payment is opened (a provider refuses a zero amount) and the order is paid at
 * once, through the same path a payment's success takes, so stock, coupon and mail work the same.
 */
async function settleFreeOrder(order: Order): Promise<Omit<PlacedOrder, 'created'>> {
  if (isAwaitingPayment(order.status)) {
    await applyPaymentEvent({
      eventId: `free-order-${order.orderId}`,
      type: 'payment_succeeded',
      providerType: 'none.free_order',
      created: Math.floor(Date.now() / 1000),
      paymentId: `free-${order.orderId}`,
      orderId: order.orderId,
      amountCents: 0,
    });
  }
  const settled = (await getOrder(order.orderId)) ?? order;
  return {
    order: orderView(settled),
    payment: null,
    ...(order.owner.kind === 'guest' ? { trackingToken: await trackingTokenOf(order) } : {}),
  };
}

/** The answer for an order placed earlier (an Idempotency-Key replay): the same order and its payment. */
export async function placedOrderAgain(orderId: string): Promise<PlacedOrder> {
  const order = await getOrder(orderId);
  if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
  return { created: false, ...(await withPayment(order, undefined)) };
}

/**
 * The payment of an order awaiting it, for whoever holds the order's tracking link — the "try the
 * payment again" link of the failed-payment mail, opened on any device, with no cart or session of
 * the browser that placed it. `payment` is null once there is nothing to pay. A missing, wrong or
 * expired token is the same 404 as no order at all.
 */
export async function paymentOfTrackedOrder(orderId: string, token: string | undefined, now = new Date()): Promise<Omit<PlacedOrder, 'created' | 'trackingToken'>> {
  const order = await orderOfTrackingLink(orderId, token, now);
  if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
  if (!isAwaitingPayment(order.status) || order.totalCents === 0) return { order: orderView(order), payment: null };
  const { order: view, payment } = await withPayment(order, undefined);
  return { order: view, payment };
}
