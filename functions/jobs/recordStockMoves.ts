// Table stream consumer: puts each order's sales and returns on its minerals' ledgers, once per move
// (shared/inventory/stockMoves.ts), off the payment and refund paths.
import { recordOrderStockMoves } from '../../shared/inventory/stockMoves';
import { tableStreamHandler } from '../../shared/tableStream';

export const handler = tableStreamHandler(recordOrderStockMoves);
