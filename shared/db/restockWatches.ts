// Restock watches: someone wants a mail when a sold-out mineral is back. One item per address per
// mineral in the mineral's partition (pk MINERAL#<mineralId>, sk WATCH#<lower-cased email>), written
// with a condition so the same address never watches a mineral twice; the restock mailer lists a
// mineral's watches with one Query on that partition.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from './client';
import { queryAll } from './query';
import { mineralKey } from './minerals';

export interface RestockWatch {
  mineralId: string;
  /** Where to send the mail, as the watcher wrote it (the key uses it lower-cased). */
  email: string;
  /** The signed-in shopper who asked, or null for a guest. */
  userId: string | null;
  createdAt: string;
}

export const WATCH_PREFIX = 'WATCH#';

export const restockWatchKey = (mineralId: string, email: string) => ({
  pk: mineralKey(mineralId).pk,
  sk: `${WATCH_PREFIX}${email.toLowerCase()}`,
});

function toRestockWatch(item: Record<string, unknown>): RestockWatch {
  return {
    mineralId: String(item.mineralId),
    email: String(item.email),
    userId: typeof item.userId === 'string' ? item.userId : null,
    createdAt: String(item.createdAt),
  };
}

/** Stores a watch unless the address watches the mineral already; returns the stored watch and whether this call added it. */
export async function addRestockWatch(watch: RestockWatch): Promise<{ watch: RestockWatch; added: boolean }> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...restockWatchKey(watch.mineralId, watch.email), entity: 'restockWatch', ...watch },
        ConditionExpression: 'attribute_not_exists(pk)',
        // The watch already there comes back with the failure: no second read, no race with it.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { watch, added: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
    return { watch: toRestockWatch(unmarshall(error.Item)), added: false };
  }
}

/** Every watch of one mineral (for the restock mailer), in order of lower-cased email. */
export async function listRestockWatches(mineralId: string): Promise<RestockWatch[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':p': mineralKey(mineralId).pk, ':prefix': WATCH_PREFIX },
  });
  return items.map(toRestockWatch);
}

// — admin: minerals and inventory (restock mail) —

/**
 * Claims a watch for one restock event: true when this event may mail it (first claim, or a retry of
 * the same event). False when the watch is gone or another restock claimed it.
 */
export async function claimRestockWatch(watch: RestockWatch, eventId: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: restockWatchKey(watch.mineralId, watch.email),
        UpdateExpression: 'SET restockEvent = :e',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(restockEvent) OR restockEvent = :e)',
        ExpressionAttributeValues: { ':e': eventId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Ends a watch: after its restock mail (only if that event claimed it), or when its watcher unsubscribes. */
export async function removeRestockWatch(mineralId: string, email: string, claimedBy?: string): Promise<boolean> {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: restockWatchKey(mineralId, email),
        ConditionExpression: claimedBy ? 'restockEvent = :e' : 'attribute_exists(pk)',
        ...(claimedBy ? { ExpressionAttributeValues: { ':e': claimedBy } } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
