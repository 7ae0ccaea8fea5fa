// Table stream consumer: when DynamoDB's TTL deletes a cart line that still held units (the sweep
// never reached it), put those units back. Deletes made by anyone but TTL are ignored.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context } from 'aws-lambda';
import { toLine } from '../../shared/db/carts';
import { logger } from '../../shared/logger';
import { releaseTtlDeletedLines } from '../../shared/inventory/releaseHolds';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** True for a TTL deletion: DynamoDB's own service principal made it. */
export function isTtlDelete(record: DynamoDBRecord): boolean {
  return (
    record.eventName === 'REMOVE' &&
    record.userIdentity?.type === 'Service' &&
    record.userIdentity?.principalId === 'dynamodb.amazonaws.com'
  );
}

async function releaseIfHeld(record: DynamoDBRecord): Promise<void> {
  if (!isTtlDelete(record) || !record.dynamodb?.OldImage) return;
  const old = unmarshall(record.dynamodb.OldImage as Record<string, AttributeValue>);
  if (old.entity !== 'cartLine' || !(Number(old.held) > 0)) return;
  await releaseTtlDeletedLines([toLine(old)]);
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, releaseIfHeld, processor, { context }));
