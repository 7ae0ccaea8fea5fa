// The last run of the inventory reconciliation job (GET /api/admin/reconciliation): what it checked
// and every drift or broken stock rule it found, each linked to that mineral's inventory. The job
// never rewrites a count: the admin fixes a drift with an adjustment that says why.
import { messageOf } from '../../../src/api/http';
import { formatDateTime, pluralize } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type ReconciliationRun } from '../api';

interface Drift {
  mineralId: string;
  ledgerTotal: number;
  difference: number;
  negative: string[];
}
interface Finding {
  mineralId: string;
  kind: string;
  message: string;
}

const listOf = <T,>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
const inventoryLink = (mineralId: string) => <a href={`/admin/minerals/${encodeURIComponent(mineralId)}/inventory`}>{mineralId}</a>;

export function Reconciliation() {
  const result = useAsync((signal) => adminFetch<ReconciliationRun>('/api/admin/reconciliation', { signal }), []);
  const run = result.data?.run;
  const drifts = listOf<Drift>(run?.report.drifts);
  const findings = listOf<Finding>(run?.report.findings);
  return (
    <>
      <h1 tabIndex={-1}>Reconciliation</h1>
      <p class="muted">Every mineral’s counters are checked against its ledger: available + in carts + sold − returned must equal what was received. Nothing is corrected automatically.</p>
      {result.error ? <p class="form-error">{messageOf(result.error)}</p> : null}
      {result.loading && !result.data && <p aria-busy="true">Loading the last run…</p>}
      {result.data && !run && <p>The reconciliation job has not run yet.</p>}
      {run && (
        <>
          <p>
            Last run {formatDateTime(run.at)}: {pluralize(run.mineralsChecked, 'mineral')} checked, {pluralize(drifts.length, 'drift')} and{' '}
            {pluralize(findings.length, 'other finding')}.
          </p>
          <section class="card" aria-labelledby="drifts-heading">
            <h2 id="drifts-heading">Drift</h2>
            {drifts.length === 0 ? (
              <p>Every mineral balances.</p>
            ) : (
              <ul>
                {drifts.map((d) => (
                  <li key={d.mineralId}>
                    {inventoryLink(d.mineralId)}: {d.difference > 0 ? `${d.difference} more` : `${-d.difference} fewer`} units than the ledger ({d.ledgerTotal}) accounts for
                    {d.negative.length > 0 && `; below zero: ${d.negative.join(', ')}`}. Open its inventory and adjust with a reason.
                  </li>
                ))}
              </ul>
            )}
          </section>
          {findings.length > 0 && (
            <section class="card" aria-labelledby="findings-heading">
              <h2 id="findings-heading">Other findings</h2>
              <ul>
                {findings.map((f) => (
                  <li key={`${f.mineralId}-${f.kind}`}>
                    {inventoryLink(f.mineralId)}: {f.message}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
