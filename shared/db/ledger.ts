// Inventory ledger entries: every unit a mineral ever received (initial stock, restocks, write-downs)
// is one entry under the mineral's partition. Their sum is what the invariant calls `received`.
import { randomUUID } from 'node:crypto';
import type { Actor } from './audit';
import { tableName } from './client';
import { fingerprint } from './cursor';
import { queryAll, queryPage } from './query';

export interface LedgerEntry {
  delta: number;
  reason: string;
  at: string;
  /** initial (seeded or created with the mineral), receipt or adjustment; missing on older entries (initial). */
  kind?: 'initial' | 'receipt' | 'adjustment';
  /** The admin who wrote it; missing for seeded stock. */
  by?: Actor;
  unitCostCents?: number;
}

const LEDGER_PREFIX = 'LEDGER#';

export function ledgerEntryItem(mineralId: string, entry: LedgerEntry, entryId: string = randomUUID()) {
  return { pk: `MINERAL#${mineralId}`, sk: `${LEDGER_PREFIX}${entry.at}#${entryId}`, entity: 'ledgerEntry', mineralId, entryId, ...entry };
}

/** Sum of a mineral's ledger entries: the units it has received. */
export async function ledgerTotal(mineralId: string): Promise<number> {
  const entries = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
    ExpressionAttributeValues: { ':pk': `MINERAL#${mineralId}`, ':ledger': LEDGER_PREFIX },
    ProjectionExpression: 'delta',
  });
  return entries.reduce((total, item) => total + Number(item.delta), 0);
}

/** What an admin sees of one ledger entry. */
export function toLedgerView(item: Record<string, unknown>) {
  return {
    id: String(item.entryId ?? String(item.sk).split('#').at(-1)),
    kind: typeof item.kind === 'string' ? item.kind : 'initial',
    delta: Number(item.delta),
    reason: String(item.reason),
    unitCostCents: typeof item.unitCostCents === 'number' ? item.unitCostCents : null,
    by: (item.by as Actor | undefined) ?? null,
    at: String(item.at),
  };
}

/** One page of a mineral's ledger, newest first. */
export async function queryLedger(mineralId: string, page: { limit: number; cursor?: string | undefined }) {
  const res = await queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': `MINERAL#${mineralId}`, ':ledger': LEDGER_PREFIX },
      ScanIndexForward: false,
    },
    { fingerprint: fingerprint({ ledger: mineralId }), limit: page.limit, cursor: page.cursor },
  );
  return { items: res.items.map(toLedgerView), nextCursor: res.nextCursor };
}
