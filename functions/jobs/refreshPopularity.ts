// Scheduled: folds each mineral's net sales since the last run into its popularity (and its sort keys).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { refreshPopularity } from '../../shared/catalog/popularity';
import { logger } from '../../shared/logger';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => refreshPopularity());
