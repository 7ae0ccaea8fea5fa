// A client's last-unit slots (HOLD_LIMITS.lastUnitsPerClient in shared/domain/holds.ts): one item per
// slot, CLIENT#<address> / SLOT#<n>, naming the cart line that took the last unit of a mineral and
// until when the slot is taken (the end of that hold's maximum life). A slot is claimed by a
// conditional put in the hold's own transaction (writeLine), so racing adds never take more slots
// than there are; it is free again once its time is up, or when its line is removed.
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HOLD_LIMITS, ttlFor } from '../domain/holds';
import { dynamo, tableName } from './client';
import { TTL_ATTRIBUTE } from './table';
import type { TransactItem } from './orders';

const slotKey = (clientKey: string, n: number) => ({ pk: `CLIENT#${clientKey}`, sk: `SLOT#${n}` });

/** A slot a hold is about to take. `id` is what the cart line keeps (`<client>#<n>`). */
export interface SlotClaim {
  clientKey: string;
  n: number;
  cartId: string;
  mineralId: string;
  until: string;
}

export const slotId = (claim: Pick<SlotClaim, 'clientKey' | 'n'>) => `${claim.clientKey}#${claim.n}`;

/**
 * The number of a slot the client may claim now (one of the free ones at random, so racing adds
 * seldom reach for the same), or undefined when all are taken.
 */
export async function freeSlotNumber(clientKey: string, now: Date): Promise<number | undefined> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
      ExpressionAttributeValues: { ':pk': `CLIENT#${clientKey}`, ':slot': 'SLOT#' },
      ConsistentRead: true,
    }),
  );
  const taken = new Set((res.Items ?? []).filter((i) => String(i.until) > now.toISOString()).map((i) => Number(String(i.sk).slice('SLOT#'.length))));
  const free = Array.from({ length: HOLD_LIMITS.lastUnitsPerClient }, (_, n) => n).filter((n) => !taken.has(n));
  return free[Math.floor(Math.random() * free.length)];
}

/** The conditional put that claims a slot: free if it never existed or its time is up. */
export function slotPut(claim: SlotClaim, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...slotKey(claim.clientKey, claim.n), entity: 'holdSlot', cartId: claim.cartId, mineralId: claim.mineralId, until: claim.until, [TTL_ATTRIBUTE]: ttlFor(new Date(claim.until)) },
      ConditionExpression: 'attribute_not_exists(pk) OR #until <= :now',
      ExpressionAttributeNames: { '#until': 'until' },
      ExpressionAttributeValues: { ':now': now.toISOString() },
    },
  };
}

/** Frees a slot its line no longer needs (removed, or sold); a slot another line took since is left alone. */
export async function releaseSlot(id: string, cartId: string, mineralId: string): Promise<void> {
  const hash = id.lastIndexOf('#');
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: slotKey(id.slice(0, hash), Number(id.slice(hash + 1))),
        ConditionExpression: 'cartId = :c AND mineralId = :m',
        ExpressionAttributeValues: { ':c': cartId, ':m': mineralId },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
