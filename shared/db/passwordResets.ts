// Password-reset tokens: only a hash is stored, each works once (a conditional delete), and each
// lapses after a short time.
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import type { TransactItem } from './orders';
import { TTL_ATTRIBUTE } from './table';

const resetKey = (tokenHash: string) => ({ pk: `RESET#${tokenHash}`, sk: 'RESET' });

/** Stores a reset token; with `also` (an admin's audit record), in one transaction with it. */
export async function saveResetToken(tokenHash: string, userId: string, generation: number, expiresAt: Date, also: TransactItem[] = []): Promise<void> {
  const put = {
    TableName: tableName,
    Item: { ...resetKey(tokenHash), entity: 'passwordReset', userId, generation, expiresAt: expiresAt.toISOString(), [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000) + 3600 },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  if (also.length === 0) await dynamo.send(new PutCommand(put));
  else await dynamo.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] }));
}

/** Uses a reset token: deletes it if it exists and has not lapsed, and returns its user. */
export async function consumeResetToken(tokenHash: string, now: Date): Promise<string | undefined> {
  try {
    const res = await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: resetKey(tokenHash),
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': now.toISOString() },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return res.Attributes ? String(res.Attributes.userId) : undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
    throw error;
  }
}

/** The user a live reset token belongs to and the generation it was issued in, without using it up. */
export async function peekResetToken(tokenHash: string, now = new Date()): Promise<{ userId: string; generation: number } | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: resetKey(tokenHash), ConsistentRead: true }));
  if (!res.Item || String(res.Item.expiresAt) <= now.toISOString()) return undefined;
  return { userId: String(res.Item.userId), generation: Number(res.Item.generation ?? 0) };
}
