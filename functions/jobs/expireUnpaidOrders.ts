// Scheduled every minute: orders not paid within their window expire — payment cancelled first, then
// their held stock goes back on the shelf, once.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../shared/logger';
import { expireUnpaidOrders } from '../../shared/orders/unpaidOrders';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => expireUnpaidOrders());
