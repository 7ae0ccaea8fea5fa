// Table stream consumer: puts each order's sales and returns on its minerals' ledgers, once per move
// (shared/inventory/stockMoves.ts), off the payment and refund paths.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent, Context } from 'aws-lambda';
import { recordOrderStockMoves } from '../../shared/inventory/stockMoves';
import { logger } from '../../shared/logger';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

async function apply(record: DynamoDBRecord): Promise<void> {
  await recordOrderStockMoves({ before: image(record.dynamodb?.OldImage), after: image(record.dynamodb?.NewImage) });
}

export const handler = middy<DynamoDBStreamEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, apply, processor, { context }));
