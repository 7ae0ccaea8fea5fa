// The email path end to end on the local stand-ins: enqueueEmail → local SQS → the sendEmail worker
// (called the way Lambda's SQS event source calls it) → local SES, whose /store shows what was sent.
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, inject, it, vi } from 'vitest';
import { LOCAL_MAIL_FROM } from '../../infra/local/environment';
import { createQueueConsumer, drainQueues, sqsRecord, startQueuePollers } from '../../infra/local/queuePoller';
import { fetchSentMail, type SentMail } from '../../infra/local/ses';
import { createQueues, deadLetterQueueUrl, localSqsClient, type QueueUrls } from '../../infra/local/sqs';
import { handler as sendEmailHandler } from '../../functions/notifications/sendEmail';
import { enqueueEmail } from '../../shared/email/outbox';
import { renderEmail } from '../../shared/email/templates';
import { logger } from '../../shared/logger';
import { QUEUES } from '../../shared/queues';
import { WORKERS } from '../../shared/workers';
import { aLambdaContext } from '../support/lambda';
import { fileQueueUrls } from '../support/mail';

const sqsEndpoint = inject('sqsEndpoint');
const sesEndpoint = inject('sesEndpoint');
const sqs = localSqsClient(sqsEndpoint);
afterAll(() => sqs.destroy());
afterEach(() => vi.restoreAllMocks());

/** This file's own queues, which integrationSetup created and put in the environment. */
const fileQueues: QueueUrls = fileQueueUrls();
const sendEmailWorker = WORKERS.find((w) => w.id === 'sendEmail')!;

/** An address no other test (or test file: they share one SES) sends to. */
const anAddress = (who = 'shopper') => `${who}-${randomUUID()}@example.com`;

const aWelcome = (to = anAddress()) => ({ to, template: 'welcome', data: { name: 'Ada Lovelace', shopUrl: 'https://minerals.example/' } }) as const;

async function mailTo(address: string): Promise<SentMail[]> {
  return (await fetchSentMail(sesEndpoint)).filter((m) => m.destination.to.includes(address));
}

/** Messages on a queue: all of them (local SQS counts in-flight ones in ApproximateNumberOfMessages), and those in flight. */
async function messageCounts(queueUrl: string): Promise<{ stored: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { stored: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
}

/** Calls `probe` until it returns something, or fails after `timeoutMs`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sending email through the notifications queue', () => {
  it('delivers a queued welcome mail to SES, with the subject, HTML and text of its template', async () => {
    const message = aWelcome();

    await enqueueEmail(message);
    const outcome = await drainQueues(WORKERS, fileQueues, sqsEndpoint);

    expect(outcome).toEqual({ received: 1, deleted: 1, failed: 0 });
    const expected = renderEmail(message.template, message.data);
    const [mail, ...others] = await mailTo(message.to);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      from: LOCAL_MAIL_FROM,
      destination: { to: [message.to], cc: [], bcc: [] },
      subject: 'Welcome to Mineral shop',
      body: { html: expected.html, text: expected.text },
    });
    expect(mail?.body.text).toContain('https://minerals.example/');
    expect(await messageCounts(fileQueues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('refuses to queue a mail whose data does not fit its template', async () => {
    const bad = { ...aWelcome(), data: { name: 'Ada', shopUrl: 'javascript:alert(1)' } };

    await expect(enqueueEmail(bad)).rejects.toThrow(/data\.shopUrl/);
    expect(await messageCounts(fileQueues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('is delivered by the background poller the local runtime runs, which stops cleanly', async () => {
    const reported: string[] = [];
    const stop = await startQueuePollers(WORKERS, fileQueues, sqsEndpoint, (line) => reported.push(line));
    try {
      const message = aWelcome();
      await enqueueEmail(message);

      const [mail] = await eventually('the mail in SES', async () => ((await mailTo(message.to)).length > 0 ? mailTo(message.to) : undefined));
      expect(mail?.subject).toBe('Welcome to Mineral shop');
    } finally {
      await stop();
    }
    expect(reported).toEqual([]);
    expect(await messageCounts(fileQueues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('sends the good messages of a batch and leaves only the bad one to be retried', async () => {
    const [first, second] = [aWelcome(), aWelcome()];
    await enqueueEmail(first);
    await sqs.send(new SendMessageCommand({ QueueUrl: fileQueues.notifications, MessageBody: '{"to":"eve@example.com","template":"nope"}' }));
    await enqueueEmail(second);
    const consumer = await createQueueConsumer(sendEmailWorker, fileQueues.notifications, sqs, () => undefined);

    const outcome = await consumer.pollOnce(0);

    expect(outcome).toEqual({ received: 3, deleted: 2, failed: 1 });
    expect(await mailTo(first.to)).toHaveLength(1);
    expect(await mailTo(second.to)).toHaveLength(1);
    // The bad one is still on the queue, invisible until its visibility timeout ends; nothing else is.
    expect((await messageCounts(fileQueues.notifications)).inFlight).toBe(1);
    expect(await consumer.pollOnce(0)).toEqual({ received: 0, deleted: 0, failed: 0 });
  });

  it(`moves a message that always fails to the dead-letter queue after ${QUEUES.notifications.maxReceives} receives`, async () => {
    // Queues of its own, with a 1-second visibility timeout so the retries come quickly.
    const queues = await createQueues(sqsEndpoint, `dlq-${randomUUID().slice(0, 8)}-`, { visibilityTimeoutSeconds: { notifications: 1 } });
    const dlq = await deadLetterQueueUrl(sqs, queues.notifications);
    await sqs.send(new SendMessageCommand({ QueueUrl: queues.notifications, MessageBody: 'this is not an email' }));

    let receives = 0;
    const moved = await eventually(
      'the message in the dead-letter queue',
      async () => {
        receives += (await drainQueues(WORKERS, queues, sqsEndpoint)).received;
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
        return Messages.length > 0 ? Messages : undefined;
      },
      (QUEUES.notifications.maxReceives + 3) * 1_000 * 2,
    );

    expect(moved.map((m) => m.Body)).toEqual(['this is not an email']);
    expect(receives).toBe(QUEUES.notifications.maxReceives);
    expect(await messageCounts(queues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('logs which message failed and why, but never what a mail says or to whom', async () => {
    const logged = { debug: vi.spyOn(logger, 'debug'), info: vi.spyOn(logger, 'info'), warn: vi.spyOn(logger, 'warn'), error: vi.spyOn(logger, 'error') };
    const good = { to: anAddress('reset'), template: 'passwordReset', data: { name: 'Ada', resetUrl: 'https://minerals.example/reset?token=good-secret', expiresInMinutes: 30 } };
    const bad = { ...good, data: { ...good.data, resetUrl: 'ftp://minerals.example/reset?token=bad-secret' } };
    const records = [good, bad].map((body, i) =>
      sqsRecord({ MessageId: `m${i}`, ReceiptHandle: `r${i}`, Body: JSON.stringify(body), MD5OfBody: '', Attributes: { ApproximateReceiveCount: '1' } }, 'arn:aws:sqs:us-east-1:000000000000:q'),
    );

    const response = (await sendEmailHandler({ Records: records }, aLambdaContext('sendEmail'))) as SQSBatchResponse;

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(await mailTo(good.to)).toHaveLength(1);
    expect(logged.error).toHaveBeenCalledWith(expect.stringMatching(/malformed/i), expect.objectContaining({ messageId: 'm1', problems: [expect.stringMatching(/^data\.resetUrl: /)] }));
    const everything = JSON.stringify(Object.values(logged).flatMap((spy) => spy.mock.calls));
    for (const secret of ['good-secret', 'bad-secret', good.to]) expect(everything).not.toContain(secret);
  });
});
