// POST /api/webhooks/stripe — verify the signature on the raw body, queue the event, answer 200 fast.
import { receivePaymentWebhook } from '../../shared/checkout/paymentWebhook';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async ({ event, headers }) => {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return json(200, await receivePaymentWebhook(body, headers['stripe-signature']));
});
