// The inventory invariant. For every mineral, at every moment between transactions:
//   available + held + sold − returned = received
// where `received` is the sum of the mineral's ledger entries (initial stock, restocks, adjustments).

export interface StockCounters {
  available: number;
  held: number;
  sold: number;
  returned: number;
  received: number;
}

export interface Drift {
  /** available + held + sold − returned − ledger total: positive means units appeared from nowhere. */
  difference: number;
  /** Counters below zero. */
  negative: Array<keyof StockCounters>;
  /** The mineral's own `received` counter disagrees with the sum of its ledger. */
  receivedMismatch: boolean;
}

/** Returns what is wrong with a mineral's counters, or undefined when they balance. */
export function checkInvariant(c: StockCounters, ledgerTotal: number): Drift | undefined {
  const difference = c.available + c.held + c.sold - c.returned - ledgerTotal;
  const negative = (Object.keys(c) as Array<keyof StockCounters>).filter((k) => c[k] < 0);
  const receivedMismatch = c.received !== ledgerTotal;
  if (difference === 0 && negative.length === 0 && !receivedMismatch) return undefined;
  return { difference, negative, receivedMismatch };
}
