// What shoppers, guests and admins see of an order. Every field is picked explicitly, so what the
// pipeline keeps for itself (the request fingerprint, applied payment events, mails sent) can never
// slip out with a new attribute.
import { ADMIN_TRANSITIONS, isAwaitingPayment, isPaid, isShopperVisibleStep, planTransition } from '../domain/orders';
import { orderListing, type Order, type OrderListing } from '../db/orders';
import { isOpenDispute } from '../payments/port';
import type { AdminOrderSummary, AdminOrderView, OrderSummary, OrderTotals, OrderView } from '../http/schemas/orders';

/**
 * The money of an order, from the quote it was placed at. Shipping is the rate before any waiver and
 * the discounts include a waived shipping rate, so the shopper sees the waiver as a discount line and
 * subtotal − discount + shipping + tax = total holds (pricing.ts, rule 8).
 */
export function orderTotals(order: Order): OrderTotals {
  return totalsOf(orderListing(order));
}

/** The totals as an order's listing records them (shared/db/orders.ts, listingOf): one computation for every view. */
function totalsOf(listing: OrderListing): OrderTotals {
  return {
    subtotalCents: listing.subtotalCents,
    discountCents: listing.discountCents,
    shippingCents: listing.shippingCents,
    taxCents: listing.taxCents,
    totalCents: listing.totalCents,
    refundedCents: listing.refundedCents,
  };
}

/** The order as its shopper (or a guest with its tracking link) sees it. */
export function orderView(order: Order): OrderView {
  const { address } = order;
  return {
    orderId: order.orderId,
    number: order.number,
    status: order.status,
    createdAt: order.createdAt,
    email: order.email,
    items: order.items.map((item) => ({
      mineralId: item.mineralId,
      name: item.name,
      imageUrl: item.image,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      listUnitPriceCents: item.listUnitPriceCents,
      lineTotalCents: item.subtotalCents,
    })),
    totals: orderTotals(order),
    discounts: order.quote.discounts.map((d) => ({ description: d.description, amountCents: d.amountCents })),
    shippingMethod: order.shippingMethod,
    address: {
      name: address.name,
      line1: address.line1,
      line2: address.line2 ?? null,
      city: address.city,
      region: address.region ?? null,
      postalCode: address.postalCode,
      country: address.country,
      phone: address.phone ?? null,
    },
    couponCode: order.couponCode,
    timeline: order.timeline.filter((entry) => isShopperVisibleStep(entry.status)).map((entry) => ({ status: entry.status, at: entry.at, note: entry.note })),
    tracking: order.tracking
      ? { carrier: order.tracking.carrier, trackingNumber: order.tracking.trackingNumber, url: order.tracking.url }
      : null,
    paymentDeadline: isAwaitingPayment(order.status) ? order.paymentDeadline : null,
    payment: { status: order.payment.status, failureMessage: order.payment.failureMessage },
  };
}

/** One line of an order list. */
export function orderSummary(order: OrderListing): OrderSummary {
  return {
    orderId: order.orderId,
    number: order.number,
    status: order.status,
    createdAt: order.createdAt,
    itemCount: order.itemCount,
    totals: totalsOf(order),
  };
}

/** One line of the admin's order queue: who ordered, too. */
export function adminOrderSummary(order: OrderListing): AdminOrderSummary {
  return {
    ...orderSummary(order), email: order.email, customerName: order.customerName,
    shippingMethod: order.shippingMethod, shipTo: order.shipTo, lines: order.lines, moreLines: order.moreLines,
  };
}

/** Everything an admin needs to work an order: the shopper's view plus owner, payment reference, refunds. */
export function adminOrderView(order: Order): AdminOrderView {
  const view = orderView(order);
  const disputed = order.disputes.some((d) => isOpenDispute(d.status));
  return {
    ...view,
    owner: order.owner.kind === 'shopper' ? { kind: 'shopper', userId: order.owner.userId } : { kind: 'guest' },
    customerName: order.customerName,
    // The admin sees every step, declined cards included, and who made it.
    timeline: order.timeline.map((entry) => ({ status: entry.status, at: entry.at, by: entry.by, note: entry.note })),
    payment: { ...view.payment, provider: order.payment.provider, paymentId: order.payment.paymentId },
    refunds: order.refunds.map((r) => ({ refundId: r.refundId, amountCents: r.amountCents, at: r.at, reason: r.reason, by: r.by })),
    disputes: order.disputes.map((d) => ({
      disputeId: d.disputeId,
      status: d.status,
      open: isOpenDispute(d.status),
      reason: d.reason,
      amountCents: d.amountCents,
      evidenceDueBy: d.evidenceDueBy,
      openedAt: d.openedAt,
      updatedAt: d.updatedAt,
    })),
    paymentMismatch: order.paymentMismatch
      ? { paymentId: order.paymentMismatch.paymentId, amountCents: order.paymentMismatch.amountCents, currency: order.paymentMismatch.currency, at: order.paymentMismatch.at }
      : null,
    refundStockReview:
      order.stockReview.length > 0
        ? {
            refundIds: [...order.stockReview],
            amountCents: order.refunds.filter((r) => order.stockReview.includes(r.refundId)).reduce((sum, r) => sum + r.amountCents, 0),
          }
        : null,
    returnedUnits: { ...order.returnedUnits },
    refundedCents: order.refundedCents,
    mailsSent: [...order.mailed],
    // Offered from the state machine itself, so the console never shows an action the API refuses.
    // While a dispute runs the provider refuses refunds, so neither a refund nor a paid cancel is offered.
    actions: {
      transitions: ADMIN_TRANSITIONS.filter((to) => planTransition(order.status, to, 'admin').ok && !(disputed && to === 'cancelled')),
      refund: isPaid(order.status) && order.refundedCents < order.totalCents && !disputed,
      refundStock: order.stockReview.length > 0,
    },
    version: order.version,
    updatedAt: order.updatedAt,
  };
}
