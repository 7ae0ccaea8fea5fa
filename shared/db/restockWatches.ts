// Restock watches: someone wants a mail when a sold-out mineral is back. One item per address per
// mineral in the mineral's partition (pk MINERAL#<mineralId>, sk WATCH#<lower-cased email>), written
// with a condition so the same address never watches a mineral twice; the restock mailer lists a
// mineral's confirmed watches with one Query on that partition.
// A watch is `pending` until its address confirms it (a guest's, double opt-in) and then `confirmed`;
// a pending watch carries the table's TTL, so one never confirmed goes away by itself. Watches written
// before confirmation existed carry no status and count as confirmed.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo, tableName } from './client';
import { queryAll } from './query';
import { mineralKey } from './minerals';
import { TTL_ATTRIBUTE } from './table';

export interface RestockWatch {
  mineralId: string;
  /** Where to send the mail, as the watcher wrote it (the key uses it lower-cased). */
  email: string;
  /** The signed-in shopper who asked, or null for a guest. */
  userId: string | null;
  createdAt: string;
  /** False while the address has not confirmed it: such a watch is never mailed, and expires. */
  confirmed: boolean;
}

/** A watch not yet confirmed: when its last confirmation mail went, and when the TTL may delete it (epoch seconds). */
export interface PendingWatch {
  confirmationSentAt: string;
  expiresAtSeconds: number;
}

/** The filter that keeps the watches the restock mailer sends to (and the dashboard counts). */
export const CONFIRMED_WATCH_FILTER = {
  FilterExpression: 'attribute_not_exists(#status) OR #status = :confirmed',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: { ':confirmed': 'confirmed' },
} as const;

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
    confirmed: item.status !== 'pending',
  };
}

/**
 * Stores a watch unless the address watches the mineral already; returns the stored watch and whether
 * this call added it. A pending watch past its life counts as absent (the TTL may not have deleted it
 * yet), and a confirmed watch replaces a pending one of the same address.
 */
export async function addRestockWatch(
  watch: RestockWatch,
  pending?: PendingWatch,
  now = new Date(),
): Promise<{ watch: RestockWatch; added: boolean }> {
  const { confirmed, ...fields } = watch;
  if (!confirmed && !pending) throw new Error('a pending restock watch needs its confirmation mail time and expiry');
  const state =
    confirmed || !pending
      ? { status: 'confirmed' }
      : { status: 'pending', confirmationSentAt: pending.confirmationSentAt, [TTL_ATTRIBUTE]: pending.expiresAtSeconds };
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...restockWatchKey(watch.mineralId, watch.email), entity: 'restockWatch', ...fields, ...state },
        ConditionExpression: confirmed
          ? 'attribute_not_exists(pk) OR #status = :pending'
          : 'attribute_not_exists(pk) OR (#status = :pending AND #ttl < :now)',
        ExpressionAttributeNames: { '#status': 'status', ...(confirmed ? {} : { '#ttl': TTL_ATTRIBUTE }) },
        ExpressionAttributeValues: { ':pending': 'pending', ...(confirmed ? {} : { ':now': Math.floor(now.getTime() / 1000) }) },
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

/**
 * Lets a pending watch send its confirmation mail again: true (and its life starts again) only when
 * the last one went at or before `lastSentBefore`, so asking again and again mails nobody more often.
 */
export async function renewRestockConfirmation(mineralId: string, email: string, pending: PendingWatch, lastSentBefore: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: restockWatchKey(mineralId, email),
        UpdateExpression: 'SET confirmationSentAt = :sent, #ttl = :ttl',
        ConditionExpression: '#status = :pending AND confirmationSentAt <= :before',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':sent': pending.confirmationSentAt, ':ttl': pending.expiresAtSeconds, ':pending': 'pending', ':before': lastSentBefore },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Confirms a watch (idempotent: a confirmed one stays as it is). False when there is no watch to
 * confirm: it was never asked for, it expired unconfirmed, or it was mailed or unsubscribed since.
 */
export async function confirmRestockWatch(mineralId: string, email: string, now = new Date()): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: restockWatchKey(mineralId, email),
        UpdateExpression: 'SET #status = :confirmed REMOVE #ttl, confirmationSentAt',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status = :confirmed OR #ttl >= :now)',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':confirmed': 'confirmed', ':now': Math.floor(now.getTime() / 1000) },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Every watch of one mineral, in order of lower-cased email: the confirmed ones only (for the restock mailer) unless told otherwise. */
export async function listRestockWatches(mineralId: string, which: 'confirmed' | 'all' = 'confirmed'): Promise<RestockWatch[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :prefix)',
    ...(which === 'confirmed' ? CONFIRMED_WATCH_FILTER : {}),
    ExpressionAttributeValues: {
      ':p': mineralKey(mineralId).pk,
      ':prefix': WATCH_PREFIX,
      ...(which === 'confirmed' ? CONFIRMED_WATCH_FILTER.ExpressionAttributeValues : {}),
    },
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
