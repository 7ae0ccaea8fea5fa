// Scheduled every minute: a payment that succeeded at the provider is applied to its order even when
// its webhook never arrives (see shared/orders/paymentReconciliation.ts).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '../../shared/logger';
import { reconcileUnpaidPayments } from '../../shared/orders/paymentReconciliation';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => reconcileUnpaidPayments());
