// Wishlist entries: one item per shopper per mineral (pk USER#<userId>, sk WISH#<mineralId>) in the
// shopper's own partition, plus one counter item (sk WISHLIST) that enforces the size cap exactly:
// every add and remove changes the entry and the counter in one transaction.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { queryAll } from './query';
import { userKey } from './users';

/** Most minerals one shopper's wishlist may hold. */
export const WISHLIST_MAX_ENTRIES = 200;

export interface WishlistEntry {
  userId: string;
  mineralId: string;
  addedAt: string;
}

const ENTRY_PREFIX = 'WISH#';
const userPartition = (userId: string) => userKey(userId).pk;
const entryKey = (userId: string, mineralId: string) => ({ pk: userPartition(userId), sk: `${ENTRY_PREFIX}${mineralId}` });
const counterKey = (userId: string) => ({ pk: userPartition(userId), sk: 'WISHLIST' });

export class WishlistFullError extends Error {
  override name = 'WishlistFullError';
}

/** Two writes to the same wishlist met; the caller may simply try again. */
export class WishlistBusyError extends Error {
  override name = 'WishlistBusyError';
}

function toEntry(item: Record<string, unknown>): WishlistEntry {
  return { userId: String(item.userId), mineralId: String(item.mineralId), addedAt: String(item.addedAt) };
}

async function getEntry(userId: string, mineralId: string): Promise<WishlistEntry | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: entryKey(userId, mineralId), ConsistentRead: true }));
  return res.Item ? toEntry(res.Item) : undefined;
}

/**
 * Adds a mineral to a wishlist unless it is there already; returns the entry (the original one when
 * it was there) and whether this call added it. Throws WishlistFullError at the cap.
 */
export async function addWishlistEntry(userId: string, mineralId: string, addedAt: string): Promise<{ entry: WishlistEntry; added: boolean }> {
  const entry: WishlistEntry = { userId, mineralId, addedAt };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { ...entryKey(userId, mineralId), entity: 'wishlistEntry', ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: tableName,
              Key: counterKey(userId),
              UpdateExpression: 'SET entity = :entity ADD entryCount :one',
              ConditionExpression: 'attribute_not_exists(entryCount) OR entryCount < :max',
              ExpressionAttributeValues: { ':entity': 'wishlistCounter', ':one': 1, ':max': WISHLIST_MAX_ENTRIES },
            },
          },
        ],
      }),
    );
    return { entry, added: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [entryReason, counterReason] = error.CancellationReasons ?? [];
    if (entryReason?.Code === 'ConditionalCheckFailed') {
      const existing = await getEntry(userId, mineralId);
      if (existing) return { entry: existing, added: false };
    }
    if (counterReason?.Code === 'ConditionalCheckFailed') throw new WishlistFullError('wishlist is full', { cause: error });
    throw new WishlistBusyError('wishlist changed during the add', { cause: error });
  }
}

/** Removes a mineral from a wishlist; returns whether it was there. */
export async function removeWishlistEntry(userId: string, mineralId: string): Promise<boolean> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: tableName, Key: entryKey(userId, mineralId), ConditionExpression: 'attribute_exists(pk)' } },
          {
            Update: {
              TableName: tableName,
              Key: counterKey(userId),
              // Unconditional: a miscounted wishlist must never stop a shopper removing an entry.
              UpdateExpression: 'ADD entryCount :minusOne',
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
    throw new WishlistBusyError('wishlist changed during the remove', { cause: error });
  }
}

/** Every entry of one shopper's wishlist (at most WISHLIST_MAX_ENTRIES), in no particular order. */
export async function listWishlistEntries(userId: string): Promise<WishlistEntry[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':p': userPartition(userId), ':prefix': ENTRY_PREFIX },
    ConsistentRead: true,
  });
  return items.map(toEntry);
}
