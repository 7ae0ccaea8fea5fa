// Plays Lambda's SQS event source on one machine: for each queue worker, long-polls its queue, hands
// the messages to the same handler Lambda runs as a real-shaped SQSEvent, deletes what succeeded and
// leaves what failed (every message not acknowledged) to come back after the visibility timeout, so
// local-aws-sqs moves a message that keeps failing to the dead-letter queue just as SQS would.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type MessageAttributeValue,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';
import type { QueueName } from '../../shared/queues';
import type { WorkerDefinition } from '../../shared/workers';
import { REPO_ROOT } from '../paths';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localSqsClient, type QueueUrls } from './sqs';
import { lambdaContext } from './lambdaContext';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/** SQS hands out at most 10 messages per receive; Lambda's larger batches need a batching window we do not play. */
const MAX_MESSAGES_PER_RECEIVE = 10;
/**
 * How many messages a receive asks for: as many as are waiting now (up to the batch size), and at least
 * one. local-aws-sqs answers a long poll only when MaxNumberOfMessages are ready or the wait runs out
 * (real SQS answers as soon as any message is there), so asking for a full batch from an idle queue
 * made each message wait out the poll; asking for what is there keeps whole batches of a busy queue
 * and answers an idle one at its first message, as Lambda's event source does. The receive itself is
 * never cut short: a dropped one would still take its messages out of sight for a visibility timeout.
 */
export function messagesToAskFor(counts: { stored: number; inFlight: number }, batchSize: number): number {
  return Math.max(1, Math.min(batchSize, counts.stored - counts.inFlight));
}
/** Long enough to idle cheaply (one request a second per queue), short enough that stopping is quick. */
const LONG_POLL_SECONDS = 1;

export interface BatchOutcome {
  received: number;
  deleted: number;
  /** Left on the queue: reported in batchItemFailures, or the whole batch when the handler threw. */
  failed: number;
}

/** One queue worker bound to its queue: receives a batch, runs the handler on it, settles it. */
export interface QueueConsumer {
  readonly worker: WorkerDefinition;
  readonly queueUrl: string;
  /** Receives one batch (waiting up to `waitSeconds` for one), and processes it. */
  pollOnce(waitSeconds: number): Promise<BatchOutcome>;
}

function queueOf(worker: WorkerDefinition): QueueName {
  if (worker.trigger.kind !== 'queue') throw new Error(`${worker.id} is not triggered by a queue`);
  return worker.trigger.queue;
}

async function loadHandler(worker: WorkerDefinition): Promise<SqsHandler> {
  const mod = (await import(pathToFileURL(path.join(REPO_ROOT, worker.handler)).href)) as { handler?: SqsHandler };
  if (typeof mod.handler !== 'function') throw new Error(`${worker.handler} exports no handler`);
  return mod.handler;
}


/** The record attributes Lambda passes on (SQS names them the same, as strings). */
function recordAttributes(message: Message): SQSRecordAttributes {
  const a = message.Attributes ?? {};
  return {
    ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
    SentTimestamp: a.SentTimestamp ?? String(Date.now()),
    SenderId: a.SenderId ?? LOCAL_ACCOUNT_ID,
    ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(a.AWSTraceHeader ? { AWSTraceHeader: a.AWSTraceHeader } : {}),
    ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
    ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
  };
}

/** Lambda's shape of message attributes: camelCase, binary as base64, list fields always present. */
function recordMessageAttributes(attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      },
    ]),
  );
}

export function sqsRecord(message: Message, queueArn: string): SQSRecord {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: recordAttributes(message),
    messageAttributes: recordMessageAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: LOCAL_REGION,
  };
}

/**
 * The ids to keep on the queue, read the way Lambda reads a partial batch response: a response that
 * names a message not in the batch (or has no usable id) fails the whole batch.
 */
function failedIds(batch: SQSRecord[], response: SQSBatchResponse | void): Set<string> {
  const all = new Set(batch.map((r) => r.messageId));
  const failures = response?.batchItemFailures ?? [];
  if (failures.some((f) => !f.itemIdentifier || !all.has(f.itemIdentifier))) return all;
  return new Set(failures.map((f) => f.itemIdentifier));
}

export async function createQueueConsumer(
  worker: WorkerDefinition,
  queueUrl: string,
  client: SQSClient,
  log: (line: string) => void,
): Promise<QueueConsumer> {
  if (worker.trigger.kind !== 'queue') throw new Error(`${worker.id} is not triggered by a queue`);
  const maxMessages = Math.min(worker.trigger.batchSize, MAX_MESSAGES_PER_RECEIVE);
  const handler = await loadHandler(worker);
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn ?? `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${queueOf(worker)}`;

  async function settle(batch: SQSRecord[]): Promise<BatchOutcome> {
    let failed: Set<string>;
    try {
      failed = failedIds(batch, await handler({ Records: batch }, lambdaContext(worker.id, 60_000)));
    } catch (error) {
      // Lambda treats a thrown error as a failed invocation: the whole batch comes back.
      log(`${worker.id}: batch of ${batch.length} failed, left on the queue: ${error instanceof Error ? error.message : String(error)}`);
      failed = new Set(batch.map((r) => r.messageId));
    }
    const done = batch.filter((r) => !failed.has(r.messageId));
    if (done.length > 0) {
      const result = await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
      // A message whose delete failed comes back and is processed again: at least once, as on AWS.
      for (const f of result.Failed ?? []) log(`${worker.id}: could not delete a processed message (${f.Code ?? 'unknown'}); it will be delivered again`);
    }
    return { received: batch.length, deleted: done.length, failed: failed.size };
  }

  /** Messages on the queue, and those of them in flight: local SQS counts both in ApproximateNumberOfMessages. */
  async function messageCounts(): Promise<{ stored: number; inFlight: number }> {
    const { Attributes: a = {} } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return { stored: Number(a.ApproximateNumberOfMessages ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) };
  }

  return {
    worker,
    queueUrl,
    async pollOnce(waitSeconds) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: messagesToAskFor(await messageCounts(), maxMessages),
          WaitTimeSeconds: waitSeconds,
          AttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return { received: 0, deleted: 0, failed: 0 };
      return settle(Messages.map((m) => sqsRecord(m, queueArn)));
    },
  };
}

function queueWorkers(workers: readonly WorkerDefinition[]): WorkerDefinition[] {
  return workers.filter((w) => w.trigger.kind === 'queue');
}

/**
 * Starts one long-polling loop per queue worker. Returns a function that stops them: it lets each
 * loop finish its current receive and batch, then ends it. (A receive is never abandoned: local SQS
 * would still hand messages to the dropped request, hiding them for a whole visibility timeout.)
 */
export async function startQueuePollers(
  workers: readonly WorkerDefinition[],
  queueUrls: QueueUrls,
  sqsEndpoint: string,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const client = localSqsClient(sqsEndpoint);
  const consumers = await Promise.all(queueWorkers(workers).map((w) => createQueueConsumer(w, queueUrls[queueOf(w)], client, log)));
  let stopping = false;

  const loop = async (consumer: QueueConsumer) => {
    let backoffMs = 1_000;
    while (!stopping) {
      try {
        await consumer.pollOnce(LONG_POLL_SECONDS);
        backoffMs = 1_000;
      } catch (error) {
        if (stopping) break;
        // Local SQS unreachable, or a delete that failed: say so, and try again, less often while it lasts.
        log(`${consumer.worker.id}: polling ${consumer.queueUrl} failed (retrying in ${backoffMs / 1000} s): ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, backoffMs));
        backoffMs = Math.min(backoffMs * 2, 30_000);
      }
    }
  };
  const loops = consumers.map(loop);

  return async () => {
    stopping = true;
    await Promise.allSettled(loops);
    client.destroy();
  };
}

/**
 * Processes what is on the queue of each given queue worker now, batch after batch, until a receive
 * comes back empty; for tests, where a background poller would make outcomes depend on timing.
 * A message that fails stays invisible for its visibility timeout, so (unless that timeout is shorter
 * than the call) it is received once per call.
 */
export async function drainQueues(
  workers: readonly WorkerDefinition[],
  queueUrls: QueueUrls,
  sqsEndpoint: string,
  log: (line: string) => void = () => undefined,
): Promise<BatchOutcome> {
  const client = localSqsClient(sqsEndpoint);
  const total: BatchOutcome = { received: 0, deleted: 0, failed: 0 };
  try {
    for (const worker of queueWorkers(workers)) {
      const consumer = await createQueueConsumer(worker, queueUrls[queueOf(worker)], client, log);
      for (;;) {
        const outcome = await consumer.pollOnce(0);
        if (outcome.received === 0) break;
        total.received += outcome.received;
        total.deleted += outcome.deleted;
        total.failed += outcome.failed;
      }
    }
    return total;
  } finally {
    client.destroy();
  }
}
