// The mail an order sends at each step of its life (shared/domain/orders.ts says which step sends
// which), built from the order as stored. Shoppers' links go to their account; a guest has no account,
// so a guest's links carry a tracking token that opens that one order.
import type { Order } from '../db/orders';
import type { OrderMail } from '../domain/orders';
import { SHOP_URL } from '../email/links';
import type { EmailMessage } from '../email/message';
import { trackingTokenOf } from './trackingLinks';
import { orderTotals } from './views';

export interface OrderMailOptions {
  /** A sentence for the shopper, e.g. why a late payment was refunded (orderRefunded). */
  note?: string | undefined;
  /** The amount of this refund (orderCancelled, orderRefunded); see refundOf for the default. */
  refundCents?: number | undefined;
}

/** Where the shopper sees the order: their account, or (a guest) the tracking page with its token. */
export async function orderLink(order: Order, now = new Date()): Promise<string> {
  if (order.owner.kind === 'shopper') return `${SHOP_URL}/account/orders/${order.orderId}`;
  return `${SHOP_URL}/orders/${order.orderId}/track?token=${await trackingTokenOf(order, now)}`;
}

/** Where the shopper pays (again) for an order awaiting payment; a guest's link carries the tracking token. */
export async function paymentLink(order: Order, now = new Date()): Promise<string> {
  const url = `${SHOP_URL}/checkout/pay/${order.orderId}`;
  return order.owner.kind === 'shopper' ? url : `${url}?token=${await trackingTokenOf(order, now)}`;
}

/**
 * The refund a mail tells of. `order` is the order as stored after the change; without
 * `refundCents`, the refund is its latest recorded one, or else (not recorded yet) all that is left.
 */
function refundOf(order: Order, options: OrderMailOptions): { refundCents: number; inFull: boolean } {
  const latest = order.refunds.at(-1);
  const settled = order.status === 'refunded' || order.status === 'cancelled' || order.refundedCents >= order.totalCents;
  if (options.refundCents !== undefined) return { refundCents: options.refundCents, inFull: settled };
  if (latest) return { refundCents: latest.amountCents, inFull: settled };
  return { refundCents: order.totalCents - order.refundedCents, inFull: true };
}

/** A carrier's tracking link, only when it is one a mail may carry (http or https). */
function safeLink(url: string | null): string | null {
  if (!url || !URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : null;
}

/** A single line of text at most `max` characters long (a payment provider's message may be anything). */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The email `mail` for `order`, ready for enqueueEmail. */
export async function orderEmail(order: Order, mail: OrderMail, options: OrderMailOptions = {}, now = new Date()): Promise<EmailMessage> {
  const to = order.email;
  const base = { name: order.customerName, orderNumber: order.number };
  switch (mail) {
    case 'orderConfirmation': {
      const totals = orderTotals(order);
      const { address } = order;
      return {
        to,
        template: mail,
        data: {
          ...base,
          items: order.items.map((item) => ({
            name: item.name,
            quantity: item.quantity,
            unitPriceCents: item.unitPriceCents,
            lineTotalCents: item.subtotalCents,
          })),
          subtotalCents: totals.subtotalCents,
          discounts: order.quote.discounts.map((d) => ({ description: d.description, amountCents: d.amountCents })),
          shippingMethod: order.shippingMethod,
          shippingCents: totals.shippingCents,
          taxCents: totals.taxCents,
          totalCents: totals.totalCents,
          address: {
            name: address.name,
            line1: address.line1,
            ...(address.line2 ? { line2: address.line2 } : {}),
            city: address.city,
            ...(address.region ? { region: address.region } : {}),
            postalCode: address.postalCode,
            country: address.country,
          },
          orderUrl: await orderLink(order, now),
        },
      };
    }
    case 'paymentFailed': {
      const reason = order.payment.failureMessage ? oneLine(order.payment.failureMessage, 300) : '';
      return {
        to,
        template: mail,
        data: {
          ...base,
          reason: reason || null,
          totalCents: order.totalCents,
          heldUntil: order.paymentDeadline,
          retryUrl: await paymentLink(order, now),
        },
      };
    }
    case 'orderShipped': {
      if (!order.tracking) throw new Error(`order ${order.orderId} has no tracking to mail`);
      return {
        to,
        template: mail,
        data: {
          ...base,
          carrier: order.tracking.carrier,
          trackingNumber: order.tracking.trackingNumber,
          trackingUrl: safeLink(order.tracking.url),
          orderUrl: await orderLink(order, now),
        },
      };
    }
    case 'orderDelivered':
      return { to, template: mail, data: { ...base, orderUrl: await orderLink(order, now) } };
    case 'orderCancelled':
      return { to, template: mail, data: { ...base, refundCents: refundOf(order, options).refundCents, orderUrl: await orderLink(order, now) } };
    case 'orderRefunded': {
      const note = options.note ? oneLine(options.note, 500) : '';
      return { to, template: mail, data: { ...base, ...refundOf(order, options), note: note || null, orderUrl: await orderLink(order, now) } };
    }
  }
}
