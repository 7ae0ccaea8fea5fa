// An admin's write and its audit record as one transaction, told apart from a condition that failed
// (a stale read, a code or id already taken): the caller turns that into its own 409.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './client';
import type { TransactItem } from './orders';

export async function transactUnlessConditionFails(items: TransactItem[]): Promise<'done' | 'conditionFailed'> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return 'done';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return 'conditionFailed';
    throw error;
  }
}
