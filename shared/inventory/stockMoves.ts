// Writes an order change's sales and returns onto the minerals' ledgers (rules:
// shared/domain/stockMoves.ts). Driven by the table's stream (worker recordStockMoves), so the
// payment and refund transactions stay as they are; each move is written once, however often its
// stream record comes.
import { stockMovesOf, type OrderMoveImage } from '../domain/stockMoves';
import { recordStockMove } from '../db/ledger';
import type { TableChange } from '../tableStream';

/** The little of an order item the rules read; anything that is not an order is undefined. */
export function orderMoveImage(item: Record<string, unknown> | undefined): OrderMoveImage | undefined {
  if (item?.entity !== 'order') return undefined;
  const items = Array.isArray(item.items) ? (item.items as Array<{ mineralId?: unknown; quantity?: unknown }>) : [];
  const timeline = Array.isArray(item.timeline) ? (item.timeline as Array<{ by?: unknown }>) : [];
  const returned = item.returnedUnits && typeof item.returnedUnits === 'object' ? (item.returnedUnits as Record<string, unknown>) : {};
  return {
    orderId: String(item.orderId),
    number: String(item.number),
    status: String(item.status),
    items: items.map((line) => ({ mineralId: String(line.mineralId), quantity: Number(line.quantity ?? 0) })),
    returnedUnits: Object.fromEntries(Object.entries(returned).map(([mineralId, units]) => [mineralId, Number(units)])),
    updatedAt: String(item.updatedAt ?? item.createdAt),
    by: typeof timeline.at(-1)?.by === 'string' ? String(timeline.at(-1)!.by) : 'system',
  };
}

/** Records what one stream record sold or returned. Returns how many moves were new. */
export async function recordOrderStockMoves(change: Pick<TableChange, 'before' | 'after'>): Promise<number> {
  const moves = stockMovesOf(orderMoveImage(change.before), orderMoveImage(change.after));
  let written = 0;
  for (const move of moves) if (await recordStockMove(move)) written += 1;
  return written;
}
