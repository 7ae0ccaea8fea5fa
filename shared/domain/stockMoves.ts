// Sales and returns on a mineral's ledger. The ledger's own entries (initial stock, receipts,
// adjustments) are written with the counters they move; sales and returns are written from the
// table's stream afterwards, so the payment path carries no extra write. The rules, from an order's
// image before and after one change:
// - a SALE of each line's units when the order becomes `paid` (the one transition that sells, late
//   payments included); an order enters `paid` at most once;
// - a RETURN of the units that came back to the shelf: the growth of the order's `returnedUnits` for a
//   mineral (admin refunds and cancellations of paid orders record them there, in the same transaction
//   as the counters).
// Each move has an id made from the order and what it records, so a stream record delivered twice
// writes it once. Moves never count toward `received` (the invariant's sum of the ledger).

export interface OrderMoveImage {
  orderId: string;
  number: string;
  status: string;
  items: ReadonlyArray<{ mineralId: string; quantity: number }>;
  returnedUnits: Readonly<Record<string, number>>;
  updatedAt: string;
  /** Who made the change (the last timeline entry's actor): customer, admin or system. */
  by: string;
}

export interface StockMove {
  mineralId: string;
  kind: 'sale' | 'return';
  /** Units, always positive: a sale takes them off, a return puts them back. */
  quantity: number;
  orderId: string;
  orderNumber: string;
  at: string;
  by: string;
  /** Unique per move and the same however often the change is seen. */
  moveId: string;
}

export function stockMovesOf(before: OrderMoveImage | undefined, after: OrderMoveImage | undefined): StockMove[] {
  if (!after) return [];
  const moves: StockMove[] = [];
  const base = { orderId: after.orderId, orderNumber: after.number, at: after.updatedAt, by: after.by };
  if (after.status === 'paid' && before?.status !== 'paid') {
    for (const line of after.items) {
      if (line.quantity > 0) moves.push({ ...base, mineralId: line.mineralId, kind: 'sale', quantity: line.quantity, moveId: `sale-${after.orderId}` });
    }
  }
  for (const [mineralId, total] of Object.entries(after.returnedUnits)) {
    const grown = total - (before?.returnedUnits[mineralId] ?? 0);
    // The running total names the return: the third unit back is `…-3`, whichever change brought it.
    if (grown > 0) moves.push({ ...base, mineralId, kind: 'return', quantity: grown, moveId: `return-${after.orderId}-${total}` });
  }
  return moves;
}
