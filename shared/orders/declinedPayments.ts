// The "your payment didn't go through" mail. A declined card is not mailed about at once: most
// shoppers try another card within a minute, and a mail about a failure they already fixed is noise.
// This job, every minute, mails an order still unpaid PAYMENT_FAILED_MAIL_AFTER_MINUTES after its
// last decline — once per order (the order records the mail), while it can still be paid.
import { getOrder, listOrdersByStatus, type Order } from '../db/orders';
import { PAYMENT_FAILED_MAIL_AFTER_MINUTES } from '../domain/orders';
import { logger } from '../logger';
import { sendOrderMail } from './mailing';

const PAGE = 100;

/** The last decline's step, if the order is still waiting for a payment after it. */
function lastDecline(order: Order) {
  // A payment did go through, for the wrong amount: the shopper was charged, the admin decides.
  if (order.paymentMismatch) return undefined;
  const last = order.timeline.at(-1);
  return last?.status === 'payment_failed' ? last : undefined;
}

/** Mails every order whose payment failed long enough ago and is still unpaid; returns how many were mailed. */
export async function mailDeclinedPayments(now = new Date()): Promise<number> {
  const due = now.getTime() - PAYMENT_FAILED_MAIL_AFTER_MINUTES * 60_000;
  let mailed = 0;
  let cursor: string | undefined;
  // The partition holds only orders in payment_failed, which leave it when paid or at their deadline.
  do {
    const page = await listOrdersByStatus('payment_failed', { limit: PAGE, cursor });
    for (const listed of page.orders) {
      // The index finds the orders; the decision reads the order itself (its timeline and mail record).
      const order = await getOrder(listed.orderId);
      if (!order) continue;
      const decline = lastDecline(order);
      if (!decline || new Date(decline.at).getTime() > due) continue;
      if (new Date(order.paymentDeadline).getTime() <= now.getTime()) continue;
      if (order.mailed.some((m) => m.startsWith('paymentFailed:'))) continue;
      await sendOrderMail(order, 'paymentFailed', 'still-unpaid', { note: decline.note ?? undefined });
      mailed += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (mailed) logger.info('mailed orders whose payment failed', { mailed });
  return mailed;
}
