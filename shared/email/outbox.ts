// Queues an email for the sendEmail worker. Producers never talk to SES: a slow or failing mail service
// must not slow down or fail a request, and the queue retries (then keeps in its DLQ) what fails.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import { logger } from '../logger';
import { QUEUES } from '../queues';
import { parseEmailMessage, type EmailMessage } from './message';

// Read on first use, not at import: modules that can mail are imported by functions that never do
// (login imports the account use cases, which include the reset mail), and those are not granted the
// queue. A function that does mail without the queue in its environment still fails loudly, on its first mail.
let outbox: { queueUrl: string; sqs: SQSClient } | undefined;

function notificationsQueue() {
  if (!outbox) {
    const env = readEnv({
      [QUEUES.notifications.urlEnv]: z.url(),
      /** Set only on one machine, where local-aws-sqs plays the real service. */
      SQS_ENDPOINT: z.url().optional(),
    });
    outbox = { queueUrl: env[QUEUES.notifications.urlEnv], sqs: new SQSClient({ ...DEPENDENCY_CLIENT_OPTIONS, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) }) };
  }
  return outbox;
}

/**
 * Checks the message against its template (an InvalidEmailError is a bug in the caller) and queues
 * it. Logs the template and the queue's message id only: the data may hold a reset link.
 */
export async function enqueueEmail(message: EmailMessage): Promise<{ messageId: string }> {
  const checkedMessage = parseEmailMessage(message);
  const { queueUrl, sqs } = notificationsQueue();
  const sent = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(checkedMessage),
      MessageAttributes: { template: { DataType: 'String', StringValue: checkedMessage.template } },
    }),
  );
  if (!sent.MessageId) throw new Error('SQS accepted the email but returned no MessageId');
  logger.info('Email queued', { template: checkedMessage.template, messageId: sent.MessageId });
  return { messageId: sent.MessageId };
}
