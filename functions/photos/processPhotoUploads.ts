// Queue consumer: each message is the photo bucket's object-created notification for an upload
// (S3 → the photoUploads queue in AWS; the local S3 emulator's event, queued the same way, on one
// machine). Each object is checked and resized once (shared/photos/processUpload.ts).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/logger';
import { processUpload } from '../../shared/photos/processUpload';

const processor = new BatchProcessor(EventType.SQS);

interface S3Notification {
  Records?: { eventName?: string; s3?: { object?: { key?: string } } }[];
}

async function handle(record: SQSRecord): Promise<void> {
  const notification = JSON.parse(record.body) as S3Notification;
  // S3's test event on subscribing has no Records; removals are not ours to handle.
  for (const entry of notification.Records ?? []) {
    if (!entry.eventName?.startsWith('ObjectCreated:') || !entry.s3?.object?.key) continue;
    // Keys in notifications are URL-encoded, spaces as '+'.
    const key = decodeURIComponent(entry.s3.object.key.replace(/\+/g, ' '));
    const outcome = await processUpload(key);
    logger.info('photo upload processed', { key, outcome });
  }
}

export const handler = middy<SQSEvent, unknown, Error, Context>()
  .use(injectLambdaContext(logger))
  .handler(async (event, context) => processPartialResponse(event, handle, processor, { context }));
