// Inventory ledger entries: every unit a mineral ever received (initial stock, restocks, write-downs)
// is one entry under the mineral's partition. Their sum is what the invariant calls `received`.
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';

export interface LedgerEntry {
  delta: number;
  reason: string;
  at: string;
}

export function ledgerEntryItem(mineralId: string, entry: LedgerEntry, entryId: string = randomUUID()) {
  return { pk: `MINERAL#${mineralId}`, sk: `LEDGER#${entry.at}#${entryId}`, entity: 'ledgerEntry', mineralId, ...entry };
}

/** Sum of a mineral's ledger entries: the units it has received. */
export async function ledgerTotal(mineralId: string): Promise<number> {
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
        ExpressionAttributeValues: { ':pk': `MINERAL#${mineralId}`, ':ledger': 'LEDGER#' },
        ProjectionExpression: 'delta',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of res.Items ?? []) total += Number(item.delta);
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return total;
}
