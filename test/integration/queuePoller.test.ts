// The local runtime's background queue poller (infra/local/queuePoller.ts), which plays Lambda's SQS
// event source: every message delivered once when it succeeds, waiting messages handed over in one
// batch, a partial failure retried alone until the dead-letter queue takes it, FIFO order kept, and
// nothing left out of sight when it stops. A recording handler stands in for a worker.
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { messagesToAskFor, startQueuePollers } from '../../infra/local/queuePoller';
import { createQueues, deadLetterQueueUrl, localSqsClient, type QueueUrls } from '../../infra/local/sqs';
import { QUEUES, type QueueName } from '../../shared/queues';
import type { WorkerDefinition } from '../../shared/workers';
import { clearRecordedBatches, recordedBatches, type RecorderInstruction } from '../support/recordingQueueHandler';

const sqsEndpoint = inject('sqsEndpoint');
const sqs = localSqsClient(sqsEndpoint);
afterAll(() => sqs.destroy());
beforeEach(() => clearRecordedBatches());

const BATCH_SIZE = 10;

/** A queue worker whose handler records what it is given (the path climbs out of functions/ to the test support). */
const recorderOn = (queue: QueueName): WorkerDefinition => ({
  id: `record-${queue}`,
  handler: 'functions/../test/support/recordingQueueHandler.ts',
  trigger: { kind: 'queue', queue, batchSize: BATCH_SIZE, maxConcurrency: 2 },
  needs: { table: 'none' },
  summary: 'Records its batches (tests)',
});

/** Fresh queues of this test's own, with a 1-second visibility timeout so retries come quickly. */
const freshQueues = () =>
  createQueues(sqsEndpoint, `poller-${randomUUID().slice(0, 8)}-`, { visibilityTimeoutSeconds: { notifications: 1, orders: 1 } });

async function sendTo(queueUrl: string, instruction: RecorderInstruction, group?: string): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(instruction),
      ...(group ? { MessageGroupId: group, MessageDeduplicationId: instruction.id } : {}),
    }),
  );
}

const idsOf = (batch: readonly { body: string }[]) => batch.map((m) => (JSON.parse(m.body) as RecorderInstruction).id);
const deliveredIds = () => recordedBatches().flatMap(idsOf);

async function messageCounts(queueUrl: string): Promise<{ stored: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { stored: Number(Attributes.ApproximateNumberOfMessages), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
}

/** Waits until `done()` holds, or fails after `timeoutMs`. */
async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs the background poller over `queues` for the one recording worker on `queue`, stopping it after `fn`. */
async function withPoller(queues: QueueUrls, queue: QueueName, fn: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  const stop = await startQueuePollers([recorderOn(queue)], queues, sqsEndpoint, (line) => problems.push(line));
  try {
    await fn();
  } finally {
    await stop();
  }
  return problems;
}

describe('how many messages a receive asks for', () => {
  it('asks for the messages waiting, up to the batch size, and for one from an idle queue', () => {
    expect(messagesToAskFor({ stored: 0, inFlight: 0 }, 10)).toBe(1);
    expect(messagesToAskFor({ stored: 3, inFlight: 0 }, 10)).toBe(3);
    expect(messagesToAskFor({ stored: 3, inFlight: 2 }, 10)).toBe(1);
    expect(messagesToAskFor({ stored: 3, inFlight: 3 }, 10)).toBe(1);
    expect(messagesToAskFor({ stored: 25, inFlight: 0 }, 10)).toBe(10);
    expect(messagesToAskFor({ stored: 25, inFlight: 0 }, 4)).toBe(4);
  });
});

describe('the background queue poller', () => {
  it('hands the messages already waiting to the handler in one batch, and deletes them', async () => {
    const queues = await freshQueues();
    for (const id of ['a', 'b', 'c']) await sendTo(queues.notifications, { id });

    const problems = await withPoller(queues, 'notifications', () => until('three deliveries', () => deliveredIds().length >= 3));

    expect(recordedBatches()).toHaveLength(1);
    expect(idsOf(recordedBatches()[0]!).sort()).toEqual(['a', 'b', 'c']);
    expect(problems).toEqual([]);
    expect(await messageCounts(queues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('delivers each message of a burst sent while it polls exactly once, in batches no larger than the batch size', async () => {
    const queues = await freshQueues();
    const ids = Array.from({ length: 25 }, (_, i) => `m${i}`);

    const problems = await withPoller(queues, 'notifications', async () => {
      for (const id of ids) await sendTo(queues.notifications, { id });
      await until('every delivery', () => deliveredIds().length >= ids.length);
    });

    expect([...deliveredIds()].sort()).toEqual([...ids].sort());
    expect(recordedBatches().every((b) => b.length >= 1 && b.length <= BATCH_SIZE)).toBe(true);
    expect(recordedBatches().flat().every((m) => m.receiveCount === 1)).toBe(true);
    expect(problems).toEqual([]);
    expect(await messageCounts(queues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('keeps the order of a FIFO message group', async () => {
    const queues = await freshQueues();
    const ids = Array.from({ length: 12 }, (_, i) => `order-event-${i}`);

    await withPoller(queues, 'orders', async () => {
      for (const id of ids) await sendTo(queues.orders, { id }, 'order-1');
      await until('every delivery', () => deliveredIds().length >= ids.length);
    });

    expect(deliveredIds()).toEqual(ids);
    expect(await messageCounts(queues.orders)).toEqual({ stored: 0, inFlight: 0 });
  });

  it(`deletes the good messages of a batch and retries the failed one alone until the dead-letter queue takes it after ${QUEUES.notifications.maxReceives} receives`, async () => {
    const queues = await freshQueues();
    const dlq = await deadLetterQueueUrl(sqs, queues.notifications);
    for (const message of [{ id: 'good-1' }, { id: 'bad', fail: true }, { id: 'good-2' }]) await sendTo(queues.notifications, message);

    let moved: string[] = [];
    await withPoller(queues, 'notifications', () =>
      until(
        'the failed message in the dead-letter queue',
        async () => {
          const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
          moved = Messages.map((m) => (JSON.parse(m.Body ?? '{}') as RecorderInstruction).id);
          return moved.length > 0;
        },
        (QUEUES.notifications.maxReceives + 3) * 2_000,
      ),
    );

    expect(moved).toEqual(['bad']);
    expect(idsOf(recordedBatches()[0]!).sort()).toEqual(['bad', 'good-1', 'good-2']);
    expect(deliveredIds().filter((id) => id.startsWith('good')).sort()).toEqual(['good-1', 'good-2']);
    expect(recordedBatches().slice(1).map(idsOf)).toEqual(Array.from({ length: QUEUES.notifications.maxReceives - 1 }, () => ['bad']));
    expect(recordedBatches().flat().filter((m) => idsOf([m])[0] === 'bad').map((m) => m.receiveCount)).toEqual(Array.from({ length: QUEUES.notifications.maxReceives }, (_, i) => i + 1));
    expect(await messageCounts(queues.notifications)).toEqual({ stored: 0, inFlight: 0 });
  });

  it('leaves no message out of sight when it stops', async () => {
    const queues = await freshQueues();

    await withPoller(queues, 'notifications', async () => {
      await sendTo(queues.notifications, { id: 'before-stop' });
      await until('the delivery', () => deliveredIds().length >= 1);
    });
    await sendTo(queues.notifications, { id: 'after-stop' });

    // Nothing polls now: the message sent after the stop is there for the next receive, not hidden in flight.
    // The counts are approximate (the emulator may report a just-sent message a moment later, as SQS
    // does); a receive left running would hold it in flight for good and this would time out.
    await until('the message stored and not in flight', async () => {
      const counts = await messageCounts(queues.notifications);
      return counts.stored === 1 && counts.inFlight === 0;
    });
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queues.notifications, WaitTimeSeconds: 0 }));
    expect(idsOf(Messages.map((m) => ({ body: m.Body ?? '' })))).toEqual(['after-stop']);
    expect(deliveredIds()).toEqual(['before-stop']);
  });
});
