// Table stream consumer: keeps the dashboard's aggregates from order status changes and stock-counter
// changes, once per stream record (shared/admin/dashboard.ts), off the payment path.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context } from 'aws-lambda';
import { applyStreamChange } from '../../shared/admin/dashboard';
import { logger } from '../../shared/logger';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

async function apply(record: DynamoDBRecord): Promise<void> {
  if (!record.eventID) return;
  await applyStreamChange({ eventId: record.eventID, before: image(record.dynamodb?.OldImage), after: image(record.dynamodb?.NewImage) });
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, apply, processor, { context }));
