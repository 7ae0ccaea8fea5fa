// Keeps each mineral's `listedStock` (its shelf as a listing's card shows it; the rule and why it
// exists: shared/domain/inventory.ts) following the counters on its stock item. Driven by the table's
// stream (worker updateListedStock), in the stream's order, so holds, sales and receipts never wait
// for it; the mineral item, and with it the catalog's index entries, is written only when the listed
// value changes (a deep-stock mineral's sale writes nothing here).
import { listedStock } from '../domain/inventory';
import { isStockItem, setListedStock } from '../db/minerals';
import type { TableChange } from '../tableStream';

const listedOf = (item: Record<string, unknown> | undefined) =>
  item && isStockItem(item) ? listedStock(Number(item.available), typeof item.lowStockThreshold === 'number' ? item.lowStockThreshold : undefined) : undefined;

/** Copies a stock item's change onto its mineral when the listed value moved; true when it wrote. */
export async function updateListedStockOf(change: TableChange): Promise<boolean> {
  const after = listedOf(change.after);
  if (after === undefined || !change.after) return false;
  if (listedOf(change.before) === after) return false;
  return setListedStock(String(change.after.mineralId), after);
}
