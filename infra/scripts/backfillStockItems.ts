// Moves a deployed table's minerals to the stock-item layout (infra/scripts/stockItemBackfill.ts;
// when and how: docs/migrations.md). Safe to run again, and to stop at any moment.
// Usage: TABLE_NAME=<ShopTable name> AWS_REGION=<region> npx tsx infra/scripts/backfillStockItems.ts [--from '<cursor JSON>']
// Needs dynamodb:Query (the table and its mineralsByName index), PutItem and UpdateItem on the table.
import { parseArgs } from 'node:util';
import { backfillStockItems } from './stockItemBackfill';

const { values } = parseArgs({ options: { from: { type: 'string' } } });
if (!process.env.TABLE_NAME) {
  console.error('Set TABLE_NAME to the table to move (and AWS_REGION, and credentials that may write it).');
  process.exit(2);
}
const report = await backfillStockItems({ from: values.from ? (JSON.parse(values.from) as Record<string, unknown>) : undefined, log: (line) => console.log(line) });
console.log(JSON.stringify(report, null, 2));
if (report.retryLater.length > 0) {
  console.error(`${report.retryLater.length} minerals kept changing: run again when the shop is quiet.`);
  process.exit(1);
}
