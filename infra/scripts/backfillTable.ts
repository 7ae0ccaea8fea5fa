// Moves a deployed table to the current layout: minerals to stock items with cards
// (infra/scripts/stockItemBackfill.ts), then orders to listings (infra/scripts/orderListingBackfill.ts),
// then coupons and flash sales into the console's lists (infra/scripts/adminListsBackfill.ts).
// When and how: docs/migrations/2026-12-stock-items-and-card-projections.md. Safe to run again, and to
// stop at any moment: a second run passes over what is done.
// Usage: TABLE_NAME=<ShopTable name> AWS_REGION=<region> npx tsx infra/scripts/backfillTable.ts
// Needs dynamodb:Query (the table and its mineralsByName and ordersByStatus indexes), GetItem,
// PutItem and UpdateItem on the table, and Scan (once, for the coupons).
import { backfillAdminLists } from './adminListsBackfill';
import { backfillOrderListings } from './orderListingBackfill';
import { backfillStockItems } from './stockItemBackfill';

if (!process.env.TABLE_NAME) {
  console.error('Set TABLE_NAME to the table to move (and AWS_REGION, and credentials that may write it).');
  process.exit(2);
}
const minerals = await backfillStockItems({ log: (line) => console.log(`minerals: ${line}`) });
console.log(JSON.stringify({ minerals }, null, 2));
const orders = await backfillOrderListings();
console.log(JSON.stringify({ orders }, null, 2));
const adminLists = await backfillAdminLists();
console.log(JSON.stringify({ adminLists }, null, 2));
if (minerals.retryLater.length > 0) {
  console.error(`${minerals.retryLater.length} minerals kept changing: run again when the shop is quiet.`);
  process.exit(1);
}
