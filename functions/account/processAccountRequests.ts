// Account-requests queue consumer: carries out what the API accepted without looking the account up
// (a reset link is mailed if the address has an account). Partial batch response: only the messages
// that failed come back; a malformed one ends in the dead-letter queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { accountRequestSchema } from '../../shared/account/accountRequests';
import { sendPasswordResetLink } from '../../shared/account/auth';
import { logger } from '../../shared/logger';

const processor = new BatchProcessor(EventType.SQS);

async function carryOut(record: SQSRecord): Promise<void> {
  const request = accountRequestSchema.parse(JSON.parse(record.body));
  await sendPasswordResetLink(request.email, new Date(request.requestedAt));
  logger.info('Account request carried out', { kind: request.kind, messageId: record.messageId });
}

export const handler = middy<SQSEvent, SQSBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, carryOut, processor, { context }));
