// Scheduled every minute: the promotion campaigns being sent go out batch by batch, each recipient once.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { sendCampaigns } from '../../shared/admin/campaigns';
import { logger } from '../../shared/logger';

export const handler = middy()
  .use(injectLambdaContext(logger))
  .handler(async () => {
    const report = await sendCampaigns();
    if (report.length > 0) logger.info('campaigns sent', { report });
    return report;
  });
