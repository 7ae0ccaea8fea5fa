// Scheduled every 15 minutes: checks the inventory invariant for every mineral and reports drift.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { logger } from '../../shared/http/logger';
import { storeReconciliationRun } from '../../shared/db/reconciliation';
import { reconcileInventory } from '../../shared/inventory/reconcile';

const metrics = new Metrics({ namespace: 'MineralShop', serviceName: 'mineral-shop' });

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async () => {
    const result = await reconcileInventory();
    // Kept for the admin console (GET /api/admin/reconciliation), report as written.
    await storeReconciliationRun({ ...result });
    metrics.addMetric('InventoryDrift', MetricUnit.Count, result.drifts.length);
    metrics.addMetric('MineralsReconciled', MetricUnit.Count, result.checked);
    return { checked: result.checked, drifted: result.drifts.map((d) => d.mineralId) };
  });
