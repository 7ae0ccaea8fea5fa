// The one shape of a table-stream consumer (the workers whose trigger is `tableStream` in
// shared/workers.ts): each record becomes a change — its id and the item before and after, plain
// objects — handed to the worker's own rule; a record whose rule throws is reported as a batch item
// failure, so Lambda retries it (and, in the end, sends it to the worker's dead-letter queue) while
// the rest of the batch is done.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from './logger';

export interface TableChange {
  /** The stream record's id: the same each time the record is delivered. */
  eventId: string;
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
}

const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

/**
 * A Lambda handler that applies `apply` to every change of a stream batch, with partial batch failures.
 * `inOrder` applies them one after another in the stream's order (for a consumer that copies the
 * latest image somewhere); otherwise they run side by side.
 */
export function tableStreamHandler(apply: (change: TableChange) => Promise<unknown>, options: { inOrder?: boolean } = {}) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const one = async (record: DynamoDBRecord): Promise<void> => {
    if (!record.eventID) return;
    await apply({ eventId: record.eventID, before: image(record.dynamodb?.OldImage), after: image(record.dynamodb?.NewImage) });
  };
  return middy<DynamoDBStreamEvent, unknown, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event, context) => processPartialResponse(event, one, processor, { context, processInParallel: !options.inOrder }));
}
