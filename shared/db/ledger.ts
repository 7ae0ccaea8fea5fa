// Inventory ledger entries: every unit a mineral ever received (initial stock, restocks, write-downs)
// is one entry under the mineral's partition. Their sum is what the invariant calls `received`.
// Beside them, under their own prefix so that sum never reads them, the mineral's sales and returns
// (written from the table's stream: shared/domain/stockMoves.ts). The admin's ledger shows both,
// newest first, as one list.
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StockMove } from '../domain/stockMoves';
import type { Actor } from './audit';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { queryAll } from './query';

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
const MOVE_PREFIX = 'STOCKMOVE#';

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

/** The item of one sale or return on a mineral's ledger. */
export function stockMoveItem(move: StockMove) {
  return {
    pk: `MINERAL#${move.mineralId}`,
    sk: `${MOVE_PREFIX}${move.at}#${move.moveId}`,
    entity: 'stockMove',
    mineralId: move.mineralId,
    entryId: move.moveId,
    kind: move.kind,
    delta: move.kind === 'sale' ? -move.quantity : move.quantity,
    orderId: move.orderId,
    orderNumber: move.orderNumber,
    actor: move.by,
    at: move.at,
  };
}

/** Writes a sale or return once: false when it is on the ledger already (the same change seen again). */
export async function recordStockMove(move: StockMove): Promise<boolean> {
  try {
    await dynamo.send(new PutCommand({ TableName: tableName, Item: stockMoveItem(move), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** What an admin sees of one ledger entry (a receipt or adjustment, or a sale or return). */
export function toLedgerView(item: Record<string, unknown>) {
  const move = item.entity === 'stockMove';
  const orderNumber = move ? String(item.orderNumber) : null;
  return {
    id: String(item.entryId ?? String(item.sk).split('#').at(-1)),
    kind: typeof item.kind === 'string' ? item.kind : 'initial',
    delta: Number(item.delta),
    reason: move ? `${item.kind === 'sale' ? 'Sold in' : 'Returned from'} order ${orderNumber}` : String(item.reason),
    unitCostCents: typeof item.unitCostCents === 'number' ? item.unitCostCents : null,
    by: (item.by as Actor | undefined) ?? null,
    order: move ? { orderId: String(item.orderId), number: String(orderNumber) } : null,
    at: String(item.at),
  };
}

/** One source of the merged ledger: newest first from just after `after` (a sort key), `limit` items. */
async function newestOf(mineralId: string, prefix: string, after: string | undefined, limit: number) {
  const startKey = after ? { pk: `MINERAL#${mineralId}`, sk: after } : undefined;
  const res = await queryFromCursor(startKey, () =>
    dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `MINERAL#${mineralId}`, ':prefix': prefix },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  return { items: res.Items ?? [], more: res.LastEvaluatedKey !== undefined };
}

const END = '-';
const LEDGER_CURSOR_INDEX = 'ledger+moves';

/**
 * One page of a mineral's ledger, newest first: its entries and its sales and returns merged by time.
 * The cursor holds where each of the two lists stands (the last item of each that a page showed, or
 * that the list is done), so every item is shown once across pages.
 */
export async function queryLedger(mineralId: string, page: { limit: number; cursor?: string | undefined }) {
  const expected = { index: LEDGER_CURSOR_INDEX, fingerprint: fingerprint({ ledger: mineralId }) };
  const at = page.cursor ? decodeCursor(page.cursor, expected) : { l: '', m: '' };
  if (typeof at.l !== 'string' || typeof at.m !== 'string' || Object.keys(at).length !== 2) throw invalidCursorError();
  for (const [key, prefix] of [[at.l, LEDGER_PREFIX], [at.m, MOVE_PREFIX]] as const) {
    if (key !== '' && key !== END && !key.startsWith(prefix)) throw invalidCursorError();
  }
  const read = (key: string, prefix: string) => (key === END ? Promise.resolve({ items: [], more: false }) : newestOf(mineralId, prefix, key || undefined, page.limit));
  const [entries, moves] = await Promise.all([read(at.l, LEDGER_PREFIX), read(at.m, MOVE_PREFIX)]);
  const newestFirst = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(b.at).localeCompare(String(a.at)) || String(b.sk).localeCompare(String(a.sk));
  const shown = [...entries.items, ...moves.items].sort(newestFirst).slice(0, page.limit);
  // Where each list stands after this page: at its last item shown, at its start still, or done.
  const position = (source: { items: Record<string, unknown>[]; more: boolean }, before: string) => {
    const taken = source.items.filter((item) => shown.includes(item));
    if (taken.length === source.items.length && !source.more) return END;
    return taken.length > 0 ? String(taken.at(-1)!.sk) : before;
  };
  const next = { l: at.l === END ? END : position(entries, at.l), m: at.m === END ? END : position(moves, at.m) };
  const nextCursor = next.l === END && next.m === END ? null : encodeCursor({ v: 1, i: expected.index, f: expected.fingerprint, k: next });
  return { items: shown.map(toLedgerView), nextCursor };
}
