// Plays the Lambda event source on the table's stream on one machine: reads DynamoDB Local's stream
// (DynamoDB Local implements the Streams API) shard by shard, from the oldest record it keeps, and
// hands each batch to every `tableStream` worker's handler as a DynamoDB stream event, the way Lambda
// does. A record a handler reports as failed (partial batch response) is read again on the next poll,
// with the records after it, as Lambda retries a shard. Handlers re-check every record themselves, so
// the event filters CDK sets are not needed here; DynamoDB Local never deletes by TTL, so the TTL
// consumer finds nothing to do.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkerDefinition } from '../../shared/workers';
import { REPO_ROOT } from './apiServer';
import { lambdaContext } from './lambdaContext';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<{ batchItemFailures?: { itemIdentifier: string }[] } | void>;

const BATCH_SIZE = 25;

/** One call of the DynamoDB Streams JSON API (no SDK client for it is a dependency of the shop). */
async function streamsCall<T>(endpoint: string, operation: string, input: unknown): Promise<T> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDBStreams_20120810.${operation}`,
      // DynamoDB Local wants the header's shape, not a valid signature.
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
    },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T & { message?: string; __type?: string };
  if (!res.ok) throw new Error(`DynamoDB Streams ${operation} failed: ${body.__type ?? res.status} ${body.message ?? ''}`);
  return body;
}

/**
 * DynamoDB Local's stream writes an empty map attribute as `{}` where DynamoDB writes `{"M":{}}` (and
 * the SDK's unmarshall throws on `{}`): give the handlers the record AWS would.
 */
function repairEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(repairEmptyMaps);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(
    entries.map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0 ? { M: {} } : repairEmptyMaps(v)]),
  );
}

const awsRecord = (record: DynamoDBRecord): DynamoDBRecord => ({
  ...record,
  dynamodb: {
    ...record.dynamodb,
    ...(record.dynamodb?.NewImage ? { NewImage: repairEmptyMaps(record.dynamodb.NewImage) as Record<string, never> } : {}),
    ...(record.dynamodb?.OldImage ? { OldImage: repairEmptyMaps(record.dynamodb.OldImage) as Record<string, never> } : {}),
  },
});

interface Shard {
  ShardId: string;
}

export interface TableStreamFeed {
  /** Polls once: every new record to every handler. Resolves when they have all answered. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Feeds the table's stream to the given workers' handlers, polling every `intervalMs` (0: only when
 * `drain()` is called, as tests do).
 */
export async function startTableStreamWorkers(
  workers: readonly WorkerDefinition[],
  options: { endpoint: string; tableName: string; intervalMs?: number; log?: (line: string) => void },
): Promise<TableStreamFeed> {
  const consumers = await Promise.all(
    workers
      .filter((w) => w.trigger.kind === 'tableStream')
      .map(async (worker) => ({
        worker,
        handler: ((await import(pathToFileURL(path.join(REPO_ROOT, worker.handler)).href)) as { handler: StreamHandler }).handler,
        /** Shard id → the last sequence number this worker is done with. */
        done: new Map<string, string>(),
      })),
  );
  const client = new DynamoDBClient({ endpoint: options.endpoint });
  const table = await client.send(new DescribeTableCommand({ TableName: options.tableName }));
  client.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`The local table ${options.tableName} has no stream`);
  const log = options.log ?? ((line: string) => console.error(line));

  async function readShard(shardId: string, after: string | undefined): Promise<DynamoDBRecord[]> {
    const { ShardIterator } = await streamsCall<{ ShardIterator?: string }>(options.endpoint, 'GetShardIterator', {
      StreamArn: streamArn,
      ShardId: shardId,
      ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
    });
    const records: DynamoDBRecord[] = [];
    let iterator = ShardIterator;
    // An open shard always hands back a next iterator: stop at the first empty page.
    while (iterator) {
      const page = await streamsCall<{ Records?: DynamoDBRecord[]; NextShardIterator?: string }>(options.endpoint, 'GetRecords', { ShardIterator: iterator, Limit: 1000 });
      if (!page.Records?.length) break;
      records.push(...page.Records);
      iterator = page.NextShardIterator;
    }
    return records;
  }

  async function drain(): Promise<void> {
    const { StreamDescription } = await streamsCall<{ StreamDescription: { Shards?: Shard[] } }>(options.endpoint, 'DescribeStream', { StreamArn: streamArn });
    for (const { ShardId } of StreamDescription.Shards ?? []) {
      for (const consumer of consumers) {
        const records = await readShard(ShardId, consumer.done.get(ShardId));
        for (let i = 0; i < records.length; i += BATCH_SIZE) {
          const batch = records.slice(i, i + BATCH_SIZE).map((r) => ({ ...awsRecord(r), eventSource: 'aws:dynamodb', eventSourceARN: streamArn }));
          const result = await consumer.handler({ Records: batch }, lambdaContext(consumer.worker.id, 60_000));
          const failed = new Set((result && result.batchItemFailures ? result.batchItemFailures : []).map((f) => f.itemIdentifier));
          const firstFailed = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
          const doneUpTo = firstFailed === -1 ? batch.at(-1) : batch[firstFailed - 1];
          if (doneUpTo?.dynamodb?.SequenceNumber) consumer.done.set(ShardId, doneUpTo.dynamodb.SequenceNumber);
          if (firstFailed !== -1) {
            log(`${consumer.worker.id} failed on a stream record; it is read again on the next poll`);
            break;
          }
        }
      }
    }
  }

  let running: Promise<void> | undefined;
  const poll = () => {
    running ??= drain()
      .catch((error: unknown) => log(`table stream: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = options.intervalMs ? setInterval(() => void poll(), options.intervalMs) : undefined;
  return {
    drain: async () => {
      await running;
      await drain();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
