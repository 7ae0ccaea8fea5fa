// A mineral's stock counters as the table's stream shows an item, wherever they live: the mineral item
// (`sk = MINERAL`) or an item of their own (`sk = STOCK`). Recognised by a MINERAL# partition with
// numeric `available` and `held`. The stream consumers that react to stock (the dashboard's markers,
// restock mail) read counters only through this, so a move of the counters changes one place.
import type { StockImage } from '../domain/dashboard';

export interface StockItemImage extends StockImage {
  /** The mineral's status when the item carries it (draft, published, archived). */
  status: string | undefined;
}

export function stockImageOf(item: Record<string, unknown> | undefined): StockItemImage | undefined {
  if (!item || typeof item.pk !== 'string' || !item.pk.startsWith('MINERAL#')) return undefined;
  if (typeof item.available !== 'number' || typeof item.held !== 'number') return undefined;
  return {
    mineralId: item.pk.slice('MINERAL#'.length),
    available: item.available,
    held: item.held,
    status: typeof item.status === 'string' ? item.status : undefined,
  };
}
