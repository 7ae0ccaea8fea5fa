// Scheduled every 15 minutes: checks the inventory invariant and the other stock rules for every
// mineral and reports what it finds.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { logger } from '../../shared/logger';
import { shopMetrics } from '../../shared/metrics';
import { STOCK_FINDING_KINDS } from '../../shared/domain/inventory';
import { storeReconciliationRun } from '../../shared/db/reconciliation';
import { reconcileInventory } from '../../shared/inventory/reconcile';

const metrics = shopMetrics();

export const handler = middy()
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics))
  .handler(async () => {
    const result = await reconcileInventory();
    // Kept for the admin console (GET /api/admin/reconciliation), report as written.
    await storeReconciliationRun({ ...result });
    metrics.addMetric('InventoryDrift', MetricUnit.Count, result.drifts.length);
    metrics.addMetric('MineralsReconciled', MetricUnit.Count, result.checked);
    // One metric per rule, so an alarm can say which one broke (zero when none did).
    for (const kind of STOCK_FINDING_KINDS) {
      metrics.addMetric(`InventoryFinding_${kind}`, MetricUnit.Count, result.findings.filter((f) => f.kind === kind).length);
    }
    return {
      checked: result.checked,
      drifted: result.drifts.map((d) => d.mineralId),
      findings: result.findings.map((f) => ({ mineralId: f.mineralId, kind: f.kind })),
    };
  });
