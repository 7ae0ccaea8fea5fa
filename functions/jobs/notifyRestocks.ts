// Table stream consumer: when a sold-out mineral is on the shelf again, queues one restock mail per
// watcher (shared/admin/restock.ts), once per stream record, off the admin's request.
import { notifyRestockOf } from '../../shared/admin/restock';
import { tableStreamHandler } from '../../shared/tableStream';

export const handler = tableStreamHandler(notifyRestockOf);
