// The last reconciliation run, as the dashboard shows it. STUB for the lead to wire: the admin API's
// branch stores each run of the reconciliation job; until it is merged there is no stored run, and
// the dashboard says so (null). Replace the body with that branch's reader, keeping this signature.

export interface ReconciliationRun {
  at: string;
  mineralsChecked: number;
  drift: Array<{ mineralId: string; expected: number; actual: number }>;
}

export function getLatestReconciliation(): Promise<ReconciliationRun | null> {
  return Promise.resolve(null);
}
