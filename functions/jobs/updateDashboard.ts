// Table stream consumer: keeps the dashboard's aggregates from order status changes and stock-counter
// changes, once per stream record (shared/admin/dashboard.ts), off the payment path.
import { applyStreamChange } from '../../shared/admin/dashboard';
import { tableStreamHandler } from '../../shared/tableStream';

export const handler = tableStreamHandler(applyStreamChange);
