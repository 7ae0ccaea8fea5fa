// Table stream consumer: when a sold-out mineral is on the shelf again, queues one restock mail per
// watcher (shared/admin/restock.ts), once per stream record, off the admin's request.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context } from 'aws-lambda';
import { notifyRestockOf } from '../../shared/admin/restock';
import { logger } from '../../shared/logger';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

async function apply(record: DynamoDBRecord): Promise<void> {
  if (!record.eventID) return;
  await notifyRestockOf({ eventId: record.eventID, before: image(record.dynamodb?.OldImage), after: image(record.dynamodb?.NewImage) });
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, apply, processor, { context }));
