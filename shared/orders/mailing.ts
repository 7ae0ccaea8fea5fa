// Order mail goes out once per reason: the order remembers each mail it queued (`mailed`), so a
// retried step (SQS redelivery, a repeated admin request) does not mail the shopper twice. A crash
// between queueing and remembering can still send one mail twice; never none.
import { recordMailed, type Order } from '../db/orders';
import type { OrderMail } from '../domain/orders';
import { enqueueEmail } from '../email/outbox';
import { orderEmail } from './mail';

/** Queues `mail` for the order unless it was already queued for this `reason` (a status, an event id…). */
export async function sendOrderMail(order: Order, mail: OrderMail, reason: string, options?: { note?: string | undefined; refundCents?: number }): Promise<void> {
  const mark = `${mail}:${reason}`;
  if (order.mailed.includes(mark)) return;
  await enqueueEmail(await orderEmail(order, mail, { ...(options?.note ? { note: options.note } : {}), ...(options?.refundCents !== undefined ? { refundCents: options.refundCents } : {}) }));
  await recordMailed(order.orderId, [mark]);
}
