// Scheduled every minute: lapsed cart holds go back on the shelf, each exactly once.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../shared/logger';
import { releaseExpiredHolds } from '../../shared/inventory/releaseHolds';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => releaseExpiredHolds());
