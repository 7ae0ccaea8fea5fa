// Order mail goes out once per reason: the order remembers each mail it queued (`mailed`), so a
// retried step (SQS redelivery, a repeated admin request) does not mail the shopper twice, and a
// short-lived claim stops two workers finishing the same step at the same moment from both queueing
// it. A crash between queueing and remembering can still send one mail twice; never none.
import { claimMail, recordMailed, releaseMailClaim, type Order } from '../db/orders';
import type { OrderMail } from '../domain/orders';
import { enqueueEmail } from '../email/outbox';
import { orderEmail } from './mail';

const MAIL_CLAIM_SECONDS = 30;

/** What the order remembers a mail by. */
export const mailMark = (mail: OrderMail, reason: string) => `${mail}:${reason}`;

/**
 * Queues `mail` for the order unless it was already queued for this `reason` (a status, an event id…).
 * `claimed`: the change that called for it already took the claim (TransitionWrite.claimMails).
 */
export async function sendOrderMail(
  order: Order,
  mail: OrderMail,
  reason: string,
  options?: { note?: string | undefined; refundCents?: number; claimed?: boolean },
): Promise<void> {
  const mark = mailMark(mail, reason);
  if (order.mailed.includes(mark)) return;
  // Shorter than the queues' visibility timeout (60 s): a worker that died after claiming leaves the
  // mail to the redelivery of its message.
  if (!options?.claimed && !(await claimMail(order.orderId, mark, new Date(), MAIL_CLAIM_SECONDS))) return;
  try {
    await enqueueEmail(await orderEmail(order, mail, { ...(options?.note ? { note: options.note } : {}), ...(options?.refundCents !== undefined ? { refundCents: options.refundCents } : {}) }));
  } catch (error) {
    await releaseMailClaim(order.orderId, mark).catch(() => undefined);
    throw error;
  }
  await recordMailed(order.orderId, [mark]);
}
