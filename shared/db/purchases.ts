// Purchase markers: one item per shopper per mineral they have paid for (pk USER#<userId>, sk
// PURCHASED#<mineralId>), in the shopper's own partition. The paid-order transaction writes them
// (shared/db/orderStock.ts), so a review can say "verified purchase" with one GetItem instead of
// reading the shopper's order history. Guests have no user id and so no markers.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { TransactItem } from './orders';
import { userKey } from './users';

const PURCHASE_PREFIX = 'PURCHASED#';

export const purchaseKey = (userId: string, mineralId: string) => ({ pk: userKey(userId).pk, sk: `${PURCHASE_PREFIX}${mineralId}` });

/**
 * The marker of a paid order's line, for the paid-order transaction. Unconditional (a failed condition
 * would cancel the payment's transaction) and idempotent: `if_not_exists` keeps the first order that
 * bought the mineral however many more orders do.
 */
export function recordPurchase(userId: string, mineralId: string, orderId: string, at: Date): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: purchaseKey(userId, mineralId),
      UpdateExpression: 'SET entity = :entity, userId = :user, mineralId = :mineral, firstOrderId = if_not_exists(firstOrderId, :order), #at = if_not_exists(#at, :at)',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':entity': 'purchase', ':user': userId, ':mineral': mineralId, ':order': orderId, ':at': at.toISOString() },
    },
  };
}

/** Whether the shopper has a paid order containing the mineral (refunds do not remove the marker). */
export async function hasPurchased(userId: string, mineralId: string): Promise<boolean> {
  const res = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: purchaseKey(userId, mineralId), ProjectionExpression: 'pk', ConsistentRead: true }),
  );
  return res.Item !== undefined;
}
