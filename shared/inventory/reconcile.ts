// Reconciliation: for every mineral, available + held + sold − returned must equal what its ledger
// says it received. Drift is reported (a metric and one log line per mineral), never "fixed": a
// person must find out why. Reads mineral items and ledgers only, so its work does not grow with
// the number of carts.
import { checkInvariant, type StockCounters } from '../domain/inventory';
import { ledgerTotal } from '../db/ledger';
import { listStockCounters } from '../db/minerals';
import { logger } from '../http/logger';

export interface DriftReport {
  mineralId: string;
  counters: StockCounters;
  ledgerTotal: number;
  difference: number;
  negative: string[];
}

export async function reconcileInventory(): Promise<{ checked: number; drifts: DriftReport[] }> {
  const drifts: DriftReport[] = [];
  let checked = 0;
  for await (const { mineralId, counters } of listStockCounters()) {
    checked += 1;
    const total = await ledgerTotal(mineralId);
    const drift = checkInvariant(counters, total);
    if (drift) {
      const report = { mineralId, counters, ledgerTotal: total, ...drift };
      drifts.push(report);
      logger.error('inventory drift', { ...report });
    }
  }
  logger.info('inventory reconciled', { checked, drifted: drifts.length });
  return { checked, drifts };
}
