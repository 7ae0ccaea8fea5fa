// Notifications queue consumer: sends each queued email through SES. It answers with a partial batch
// response, so only the messages that failed come back after the visibility timeout, and a message
// that fails maxReceives times moves to the dead-letter queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { recordSent } from '../../shared/db/campaigns';
import { parseQueuedEmail } from '../../shared/email/message';
import { sendEmail } from '../../shared/email/sender';
import { InvalidEmailError } from '../../shared/email/templates';
import { logger } from '../../shared/logger';

const processor = new BatchProcessor(EventType.SQS);

async function sendQueuedEmail(record: SQSRecord): Promise<void> {
  const message = parseOrReport(record);
  const sent = await sendEmail(message);
  logger.info('Email sent', { template: message.template, messageId: record.messageId, sesMessageId: sent.messageId });
  // A campaign counts its mails as the mail service takes them (once per recipient, whatever the redeliveries).
  if (message.template === 'promotion') await recordSent(message.data.campaignId, message.data.recipientId, new Date().toISOString());
}

/**
 * A malformed message is a producer's bug that no retry fixes. It is failed, not acknowledged: after
 * maxReceives it lands in the dead-letter queue, whose alarm brings a person to the bug and to the mail
 * it meant to send; acknowledging it would lose, say, a password reset without a trace. The few
 * useless retries on the way are cheap. Logged with where it is wrong, never with its data.
 */
function parseOrReport(record: SQSRecord) {
  try {
    return parseQueuedEmail(record.body);
  } catch (error) {
    if (error instanceof InvalidEmailError) {
      logger.error('Malformed email message; failing it towards the dead-letter queue', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        problems: error.problems,
      });
    }
    throw error;
  }
}

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, sendQueuedEmail, processor, { context }));
