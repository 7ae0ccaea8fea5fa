// Inventory ledger entries: every unit a mineral ever received (initial stock, restocks, write-downs)
// is one entry under the mineral's partition. Their sum is what the invariant calls `received`.
import { randomUUID } from 'node:crypto';
import { tableName } from './client';
import { queryAll } from './query';

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
  const entries = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
    ExpressionAttributeValues: { ':pk': `MINERAL#${mineralId}`, ':ledger': 'LEDGER#' },
    ProjectionExpression: 'delta',
  });
  return entries.reduce((total, item) => total + Number(item.delta), 0);
}
