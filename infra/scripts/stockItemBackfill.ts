// The backfill that moves a table from the first layout (a mineral's stock counters on the mineral
// item, every catalog index projecting ALL) to the current one (the counters on the mineral's stock
// item, `MINERAL#STOCK`; the mineral carries `listedStock` and the `card` map the catalog indexes
// project). Idempotent and resumable: each mineral moves in one transaction, conditional on its
// counters being as read, and a mineral already moved is passed over; the run goes through the admin
// index (every mineral, any status) a page at a time and reports the cursor it reached, so a run
// stopped anywhere is finished by running it again, from the start or from that cursor.
// Run by infra/scripts/backfillTable.ts; how a deployed stage uses it: docs/migrations/2026-12-stock-items-and-card-projections.md.
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from '../../shared/db/client';
import { cardOf, mineralKey, stockCountersOf, stockItem, toMineral, ADMIN_MINERALS_PARTITION } from '../../shared/db/minerals';
import { INDEXES } from '../../shared/db/table';
import { listedStock } from '../../shared/domain/inventory';

const COUNTERS = ['available', 'held', 'sold', 'returned', 'received'] as const;

export type MineralOutcome = 'moved' | 'carded' | 'already' | 'changed';

/** Moves one mineral item (as read) to the current layout; 'changed' when it changed meanwhile (read it again). */
export async function migrateMineral(item: Record<string, unknown>): Promise<MineralOutcome> {
  const id = String(item.id);
  const oldLayout = typeof item.held === 'number';
  if (!oldLayout) {
    if (item.card !== undefined && item.listedStock !== undefined) return 'already';
    // Moved, but written before the card existed: add the card alone.
    try {
      await dynamo.send(new UpdateCommand({
        TableName: tableName,
        Key: mineralKey(id),
        UpdateExpression: 'SET card = :card',
        ConditionExpression: 'attribute_exists(pk) AND updatedAt = :seen',
        ExpressionAttributeValues: { ':card': cardOf(toMineral(item)), ':seen': item.updatedAt },
      }));
      return 'carded';
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'changed';
      throw error;
    }
  }
  const counters = stockCountersOf(item);
  const mineral = toMineral(item, counters);
  const unchanged = COUNTERS.map((c, i) => (item[c] === undefined ? `attribute_not_exists(${c})` : `${c} = :c${i}`)).join(' AND ');
  try {
    await dynamo.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { ...stockItem(mineral), ...counters }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName: tableName,
            Key: mineralKey(id),
            UpdateExpression: `SET card = :card, listedStock = :listed REMOVE ${COUNTERS.join(', ')}`,
            ConditionExpression: `attribute_exists(pk) AND updatedAt = :seen AND ${unchanged}`,
            ExpressionAttributeValues: {
              ':card': cardOf(mineral),
              ':listed': listedStock(counters.available, mineral.lowStockThreshold),
              ':seen': item.updatedAt,
              ...Object.fromEntries(COUNTERS.flatMap((c, i) => (item[c] === undefined ? [] : [[`:c${i}`, item[c]]]))),
            },
          },
        },
      ],
    }));
    return 'moved';
  } catch (error) {
    if (error instanceof TransactionCanceledException) return 'changed';
    throw error;
  }
}

export interface BackfillReport {
  moved: number;
  carded: number;
  already: number;
  /** Minerals that kept changing while the run tried them: run again (in a quiet moment). */
  retryLater: string[];
  /** Where this run stopped: pass as `from` to go on; null once every mineral was seen. */
  cursor: Record<string, unknown> | null;
}

/** Moves every mineral, a page of the admin index at a time; stops after `maxPages` pages if given. */
export async function backfillStockItems(options: { from?: Record<string, unknown> | undefined; maxPages?: number; log?: (line: string) => void } = {}): Promise<BackfillReport> {
  const report: BackfillReport = { moved: 0, carded: 0, already: 0, retryLater: [], cursor: null };
  let startKey = options.from;
  for (let page = 0; options.maxPages === undefined || page < options.maxPages; page++) {
    const res = await dynamo.send(new QueryCommand({
      TableName: tableName,
      IndexName: 'mineralsByName',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': INDEXES.mineralsByName.pk },
      ExpressionAttributeValues: { ':p': ADMIN_MINERALS_PARTITION },
      Limit: 100,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }));
    for (const item of res.Items ?? []) {
      let outcome = await migrateMineral(item);
      // A mineral that changed since the index page was read: read it again, a few times.
      for (let attempt = 0; outcome === 'changed' && attempt < 3; attempt++) {
        const current = (await dynamo.send(new GetCommand({ TableName: tableName, Key: mineralKey(String(item.id)), ConsistentRead: true }))).Item;
        outcome = current ? await migrateMineral(current) : 'already';
      }
      if (outcome === 'changed') report.retryLater.push(String(item.id));
      else report[outcome] += 1;
    }
    startKey = res.LastEvaluatedKey;
    report.cursor = startKey ?? null;
    options.log?.(`page ${page + 1}: moved ${report.moved}, carded ${report.carded}, already ${report.already}; cursor ${JSON.stringify(report.cursor)}`);
    if (!startKey) break;
  }
  return report;
}
