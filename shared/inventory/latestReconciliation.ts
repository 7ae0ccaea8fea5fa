// The last reconciliation run, as the dashboard shows it: the stored run (shared/db/reconciliation.ts)
// reduced to when, how many minerals, and each drifted mineral's ledger total against its counters.
import { latestReconciliationRun } from '../db/reconciliation';
import type { DriftReport } from './reconcile';

export interface ReconciliationRun {
  at: string;
  mineralsChecked: number;
  drift: Array<{ mineralId: string; expected: number; actual: number }>;
}

export async function getLatestReconciliation(): Promise<ReconciliationRun | null> {
  const run = await latestReconciliationRun();
  if (!run) return null;
  const drifts = Array.isArray(run.report.drifts) ? (run.report.drifts as DriftReport[]) : [];
  return {
    at: run.at,
    mineralsChecked: run.mineralsChecked,
    // What the ledger says the mineral received, against what its counters add up to.
    drift: drifts.map((d) => ({ mineralId: d.mineralId, expected: d.ledgerTotal, actual: d.ledgerTotal + d.difference })),
  };
}
