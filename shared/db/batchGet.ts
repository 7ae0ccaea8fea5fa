// Reading many items by key: BatchGetItem in hundreds, with the keys DynamoDB left unprocessed asked
// for again (backing off) until none are left.
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';

export async function batchGet(
  allKeys: ReadonlyArray<Record<string, unknown>>,
  options: { consistent: boolean; projection?: { expression: string; names: Record<string, string> } },
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const projection = options.projection ? { ProjectionExpression: options.projection.expression, ExpressionAttributeNames: options.projection.names } : {};
  for (let i = 0; i < allKeys.length; i += 100) {
    let keys: Record<string, unknown>[] = allKeys.slice(i, i + 100);
    for (let attempt = 0; keys.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept keys unprocessed after 8 retries');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const res = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ...(options.consistent ? { ConsistentRead: true } : {}), ...projection } } }),
      );
      found.push(...(res.Responses?.[tableName] ?? []));
      keys = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}
