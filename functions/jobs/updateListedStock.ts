// Table stream consumer: keeps each mineral's listed stock (what its card shows of the shelf)
// following its stock item's counters (shared/catalog/listedStock.ts), in the stream's order.
import { updateListedStockOf } from '../../shared/catalog/listedStock';
import { tableStreamHandler } from '../../shared/tableStream';

export const handler = tableStreamHandler(updateListedStockOf, { inOrder: true });
