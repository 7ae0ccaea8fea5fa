// The order queue (FIFO): verified payment events travel from the webhook to the order processor.
// Grouped by order, so one order's events are applied one at a time and in arrival order; deduplicated
// by the provider's event id, so Stripe's retries of one event within SQS's five-minute window are
// dropped before they reach the processor (which is safe against later ones anyway).
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import type { PaymentEvent } from '../payments/port';
import { QUEUES } from '../queues';

let queue: { url: string; sqs: SQSClient } | undefined;

/** The queue's URL and client, read on first use (like the mail outbox), so importing this costs nothing. */
function orderQueue(): { url: string; sqs: SQSClient } {
  if (!queue) {
    const env = readEnv({ [QUEUES.orders.urlEnv]: z.url(), SQS_ENDPOINT: z.url().optional() });
    queue = { url: env[QUEUES.orders.urlEnv], sqs: new SQSClient({ ...DEPENDENCY_CLIENT_OPTIONS, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) }) };
  }
  return queue;
}

/** Queues a verified payment event for the order processor. */
export async function enqueuePaymentEvent(event: PaymentEvent): Promise<void> {
  const { url, sqs } = orderQueue();
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: url,
      MessageBody: JSON.stringify(event),
      // A dispute or a dashboard refund names only its payment (the processor finds the order): grouped by the payment.
      MessageGroupId: event.orderId ?? (event.paymentId ? `payment-${event.paymentId}` : 'no-order'),
      MessageDeduplicationId: event.eventId,
    }),
  );
}
