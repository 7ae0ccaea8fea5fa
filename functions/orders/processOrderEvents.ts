// Order queue consumer (FIFO): applies each payment event to its order. A failure stops the batch
// where it is (SqsFifoPartialProcessorAsync fails the rest too), so one order's events never overtake
// each other; SQS redelivers them, and after maxReceives they wait in the dead-letter queue.
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/logger';
import { parsePaymentEventMessage } from '../../shared/orders/paymentEventMessage';
import { applyPaymentEvent } from '../../shared/orders/processPayment';

const processor = new SqsFifoPartialProcessorAsync();

async function applyQueuedEvent(record: SQSRecord): Promise<void> {
  const event = parsePaymentEventMessage(record.body);
  const outcome = await applyPaymentEvent(event);
  logger.info('Payment event processed', { eventId: event.eventId, type: event.providerType, orderId: event.orderId, outcome });
}

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, applyQueuedEvent, processor, { context }));
