// The backfill that gives every order item the `listing` map the order indexes project (shared/db/
// table.ts, ORDER_LISTING_ATTRIBUTES; made by listingOf in shared/db/orders.ts). Orders placed before
// it existed lack it. Idempotent and resumable like the stock-item backfill: each order gets its map
// in one conditional write (only if it still has none), and the run goes status by status through
// ordersByStatus a page at a time, reporting where it stopped. How a deployed stage uses it:
// docs/migrations/2026-12-stock-items-and-card-projections.md.
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { listingOf, orderKey, toOrder } from '../../shared/db/orders';
import { INDEXES } from '../../shared/db/table';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/domain/orders';

export interface ListingCursor {
  status: OrderStatus;
  key: Record<string, unknown> | undefined;
}

export interface ListingBackfillReport {
  listed: number;
  already: number;
  /** Where the run stopped: pass as `from` to go on; null once every status was gone through. */
  cursor: ListingCursor | null;
}

/** Gives one order its listing; false when it has one already (or is gone). */
async function listOrder(orderId: string): Promise<boolean> {
  const read = await dynamo.send(new GetCommand({ TableName: tableName, Key: orderKey(orderId), ConsistentRead: true }));
  if (!read.Item || read.Item.listing !== undefined) return false;
  try {
    await dynamo.send(new UpdateCommand({
      TableName: tableName,
      Key: orderKey(orderId),
      UpdateExpression: 'SET listing = :listing',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(listing)',
      ExpressionAttributeValues: { ':listing': listingOf(toOrder(read.Item)) },
    }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Lists every order, one page of one status at a time; stops after `maxPages` pages if given. */
export async function backfillOrderListings(options: { from?: ListingCursor | undefined; maxPages?: number } = {}): Promise<ListingBackfillReport> {
  const report: ListingBackfillReport = { listed: 0, already: 0, cursor: null };
  const statuses = ORDER_STATUSES.slice(options.from ? ORDER_STATUSES.indexOf(options.from.status) : 0);
  let startKey = options.from?.key;
  let pages = 0;
  for (const status of statuses) {
    do {
      if (options.maxPages !== undefined && pages >= options.maxPages) {
        report.cursor = { status, key: startKey };
        return report;
      }
      const res = await dynamo.send(new QueryCommand({
        TableName: tableName,
        IndexName: 'ordersByStatus',
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': INDEXES.ordersByStatus.pk },
        ExpressionAttributeValues: { ':p': `ORDERS#${status}` },
        Limit: 100,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }));
      pages += 1;
      for (const entry of res.Items ?? []) {
        const orderId = String(entry.pk).slice('ORDER#'.length);
        if (await listOrder(orderId)) report.listed += 1;
        else report.already += 1;
      }
      startKey = res.LastEvaluatedKey;
    } while (startKey);
  }
  return report;
}
