// Reconciliation: for every mineral, available + held + sold − returned must equal what its ledger
// says it received, and the other stock rules must hold (shared/domain/inventory.ts): returns never
// exceed sales, shelf and carts never exceed what was received, `held` equals what live cart lines
// hold, and no hold outlives its maximum life. Everything found is reported (a metric and one log
// line per mineral), never "fixed": a person must find out why. Reads the minerals' counters, their
// ledgers and the sparse holds index, so its work does not grow with the number of orders.
import { checkInvariant, checkStockRules, summarizeHeldLines, type StockCounters, type StockFinding } from '../domain/inventory';
import type { CartLine } from '../db/carts';
import { listHeldLines } from '../db/holds';
import { ledgerTotal } from '../db/ledger';
import { listStockCounters } from '../db/minerals';
import { logger } from '../logger';

export interface DriftReport {
  mineralId: string;
  counters: StockCounters;
  ledgerTotal: number;
  difference: number;
  negative: string[];
}

export interface FindingReport extends StockFinding {
  mineralId: string;
}

export interface ReconciliationReport {
  checked: number;
  /** Minerals whose invariant does not balance. */
  drifts: DriftReport[];
  /** Every other broken stock rule, one entry per mineral and rule. */
  findings: FindingReport[];
}

function unitsByMineral(lines: readonly CartLine[]): Map<string, CartLine[]> {
  const byMineral = new Map<string, CartLine[]>();
  for (const line of lines) byMineral.set(line.mineralId, [...(byMineral.get(line.mineralId) ?? []), line]);
  return byMineral;
}

const heldUnits = (lines: readonly CartLine[] | undefined) => (lines ?? []).reduce((n, l) => n + l.held, 0);

export async function reconcileInventory(now = new Date()): Promise<ReconciliationReport> {
  const drifts: DriftReport[] = [];
  const findings: FindingReport[] = [];
  let checked = 0;
  // The holds are read before and after the counters: a mineral whose holds changed in between is
  // in flux, and comparing its `held` with either reading would report a drift that is not there.
  const before = unitsByMineral(await listHeldLines());
  const counted: Array<{ mineralId: string; counters: StockCounters }> = [];
  for await (const entry of listStockCounters()) counted.push(entry);
  const after = unitsByMineral(await listHeldLines());

  for (const { mineralId, counters } of counted) {
    checked += 1;
    const total = await ledgerTotal(mineralId);
    const drift = checkInvariant(counters, total);
    if (drift) {
      const report = { mineralId, counters, ledgerTotal: total, ...drift };
      drifts.push(report);
      logger.error('inventory drift', { ...report });
    }
    const steady = heldUnits(before.get(mineralId)) === heldUnits(after.get(mineralId));
    for (const finding of checkStockRules(counters, steady ? summarizeHeldLines(after.get(mineralId) ?? [], now) : undefined)) {
      findings.push({ mineralId, ...finding });
      logger.error('inventory finding', { mineralId, ...finding, counters });
    }
  }
  logger.info('inventory reconciled', { checked, drifted: drifts.length, findings: findings.length });
  return { checked, drifts, findings };
}
