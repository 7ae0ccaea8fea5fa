// The dealer's "replace tracking link": moves a guest order's link generation on (every link mailed so
// far stops opening it, shared/orders/trackingLinks.ts) and mails the guest a fresh one. Apart from the
// link checks so the tracking page's function does not carry the mail templates.
import type { Actor } from '../db/audit';
import { retryRaces } from '../db/conflicts';
import { OrderChangedError } from '../db/orderStock';
import { applyTransition, getOrder, orderAfter, type TransitionWrite } from '../db/orders';
import { SHOP_URL } from '../email/links';
import { enqueueEmail } from '../email/outbox';
import { ConflictError, NotFoundError } from '../errors';
import { orderAudit } from './orderAudit';
import { trackingTokenOf } from './trackingLinks';

const linkRaces = {
  lost: (error: unknown) => error instanceof OrderChangedError,
  exhausted: (cause: unknown) => new ConflictError('The order kept changing while its tracking link was replaced; try again.', 'order_busy', { cause }),
};

/**
 * The dealer's "replace tracking link" (a guest forwarded their mail, or it leaked): every tracking
 * and payment link mailed so far stops opening the order, and the guest is mailed a fresh one. Each
 * call is a new generation and a new mail; the change is a timeline note with its audit record.
 */
export async function replaceTrackingLink(orderId: string, by: Actor, now = new Date()): Promise<{ orderId: string; trackingVersion: number; mailedTo: string }> {
  const order = await retryRaces(async () => {
    const read = await getOrder(orderId);
    if (!read) throw new NotFoundError(`No order with id ${orderId}.`);
    if (read.owner.kind !== 'guest') {
      throw new ConflictError(`Order ${read.number} belongs to a customer account: it has no tracking link (the customer sees it signed in).`, 'not_a_guest_order');
    }
    const trackingVersion = (read.trackingVersion ?? 0) + 1;
    const write: TransitionWrite = {
      order: read,
      to: read.status,
      entry: { status: read.status, at: now.toISOString(), by: 'admin', note: 'Tracking link replaced: earlier links no longer open this order; a new one was mailed.' },
      set: { trackingVersion },
      audit: orderAudit(read, 'order.tracking-link-replaced', by, now, {}),
    };
    if (!(await applyTransition(write, now))) throw new OrderChangedError('order changed');
    // The order with this change in its timeline: the new link's life counts from it, so a link
    // replaced on an old order is not already over when it is mailed.
    return orderAfter(write, now);
  }, linkRaces);
  await enqueueEmail({
    to: order.email,
    template: 'trackingLinkReplaced',
    data: { name: order.customerName, orderNumber: order.number, orderUrl: `${SHOP_URL}/orders/${order.orderId}/track?token=${await trackingTokenOf(order, now)}` },
  });
  return { orderId: order.orderId, trackingVersion: order.trackingVersion ?? 0, mailedTo: order.email };
}
