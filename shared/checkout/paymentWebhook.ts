// The payment provider's webhook: the signature is checked on the raw body, the event is queued for
// the order processor, and the provider gets its 200 at once (Stripe retries anything slower or
// non-2xx). Nothing about the order is decided here. Events of payments this shop did not create
// are acknowledged and dropped; a dispute or a dashboard refund names only its payment, so the processor finds its order.
import { PayloadTooLargeError } from '../errors';
import { logger } from '../logger';
import { enqueuePaymentEvent } from '../orders/orderQueue';
import { stripeWebhookSecret } from '../payments/secrets';
import { verifyPaymentEvent } from '../payments/webhooks';

/** Stripe's events are a few kilobytes; anything near this is not one. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export async function receivePaymentWebhook(rawBody: string, signature: string | undefined): Promise<{ received: true; queued: boolean }> {
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_WEBHOOK_BYTES) throw new PayloadTooLargeError('The webhook body is too large.');
  const event = verifyPaymentEvent(rawBody, signature, await stripeWebhookSecret());
  // A dispute, or a refund made in the Stripe dashboard, names only its payment: the processor finds the order.
  const forAnOrder = event.orderId || ((event.type === 'dispute_updated' || event.type === 'refund_updated') && event.paymentId);
  if (event.type === 'ignored' || !forAnOrder) {
    logger.info('Webhook event acknowledged and ignored', { eventId: event.eventId, type: event.providerType });
    return { received: true, queued: false };
  }
  await enqueuePaymentEvent(event);
  logger.info('Webhook event queued', { eventId: event.eventId, type: event.providerType, orderId: event.orderId });
  return { received: true, queued: true };
}
