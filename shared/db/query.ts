// Reading a whole (bounded) partition: a Query followed page by page until DynamoDB says there is no
// more. For partitions the shop keeps small (a cart's lines, a wishlist, a mineral's ledger…).
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './client';
import { decodeCursor, encodeCursor, invalidCursorError, queryFromCursor } from './cursor';

/** Every item the query matches, across all its pages. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(res.Items ?? []));
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export interface PageOptions {
  /** The index the query reads (its key attributes go into the cursor); the table's own key when absent. */
  index?: { pk: string; sk: string } | undefined;
  /** Names the query a cursor belongs to: a cursor from another query is refused. */
  fingerprint: string;
  limit: number;
  cursor?: string | undefined;
  /** With a filter, most items one page may read; a short page then comes with a cursor. */
  readBudget?: number;
}

/** One page of a Query, with an opaque cursor to the next (null on the last page). Never a Scan. */
export async function queryPage(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  options: PageOptions,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const indexName = input.IndexName ?? 'table';
  const keyNames = ['pk', 'sk', ...(options.index ? [options.index.pk, options.index.sk] : [])];
  let startKey = options.cursor ? decodeCursor(options.cursor, { index: indexName, fingerprint: options.fingerprint }) : undefined;
  if (startKey && Object.keys(startKey).sort().join() !== [...keyNames].sort().join()) throw invalidCursorError();
  const budget = input.FilterExpression ? (options.readBudget ?? 200) : Number.POSITIVE_INFINITY;
  const items: Record<string, unknown>[] = [];
  let read = 0;
  let nextKey: Record<string, unknown> | undefined;
  for (;;) {
    const want = options.limit - items.length;
    const res = await queryFromCursor(startKey, () =>
      dynamo.send(new QueryCommand({ ...input, Limit: Math.min(input.FilterExpression ? Math.max(want * 2, 25) : want, budget - read), ExclusiveStartKey: startKey })),
    );
    read += res.ScannedCount ?? 0;
    for (const item of res.Items ?? []) {
      items.push(item);
      if (items.length === options.limit) break;
    }
    const lek = res.LastEvaluatedKey;
    if (items.length === options.limit) {
      // Continue after the last item returned (it may sit before the end of what DynamoDB read).
      const last = items[items.length - 1]!;
      if (lek || (res.Items ?? []).at(-1) !== last) nextKey = Object.fromEntries(keyNames.map((k) => [k, last[k]]));
      break;
    }
    if (!lek) break;
    startKey = lek as Record<string, string>;
    if (read >= budget) { nextKey = lek; break; }
  }
  const k = nextKey ? Object.fromEntries(Object.entries(nextKey).map(([name, v]) => [name, String(v)])) : undefined;
  return { items, nextCursor: k ? encodeCursor({ v: 1, i: indexName, f: options.fingerprint, k }) : null };
}
