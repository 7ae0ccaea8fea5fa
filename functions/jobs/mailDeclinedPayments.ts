// Scheduled every minute: one "payment didn't go through" mail for an order still unpaid some minutes
// after its card was declined (see shared/orders/declinedPayments.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../shared/logger';
import { mailDeclinedPayments } from '../../shared/orders/declinedPayments';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => ({ mailed: await mailDeclinedPayments() }));
