// Sign-in sessions. Each sign-in starts a refresh-token family (USER#<id> / FAMILY#<id>); each
// refresh token (REFRESH#<sha256>) is used once and replaced by the next. The rules for a token
// presented twice (shared/account/auth.ts, refresh) decide between a repeat and a theft.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { isTransientConflict } from './conflicts';
import { queryAll } from './query';
import { TTL_ATTRIBUTE } from './table';

export const REFRESH_TOKEN_DAYS = 30;

const refreshKey = (tokenHash: string) => ({ pk: `REFRESH#${tokenHash}`, sk: 'REFRESH' });
const familyKey = (userId: string, familyId: string) => ({ pk: `USER#${userId}`, sk: `FAMILY#${familyId}` });

export interface RefreshRecord {
  userId: string;
  familyId: string;
  expiresAt: string;
  usedAt: string | null;
  /** Set with usedAt: the token that replaced this one, sealed under this one (shared/auth/refreshSuccessor.ts). */
  successor: string | null;
}

const epoch = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

function refreshItem(tokenHash: string, r: Omit<RefreshRecord, 'usedAt' | 'successor'>) {
  return { ...refreshKey(tokenHash), entity: 'refreshToken', ...r, [TTL_ATTRIBUTE]: epoch(r.expiresAt) + 24 * 3600 };
}

/** Starts a family with its first refresh token. */
export async function startFamily(userId: string, familyId: string, tokenHash: string, now: Date): Promise<void> {
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString();
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...familyKey(userId, familyId), entity: 'sessionFamily', familyId, revoked: false, createdAt: now.toISOString(), [TTL_ATTRIBUTE]: epoch(expiresAt) + 86_400 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName, Item: refreshItem(tokenHash, { userId, familyId, expiresAt }), ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  );
}

export async function getRefresh(tokenHash: string): Promise<RefreshRecord | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: refreshKey(tokenHash), ConsistentRead: true }));
  if (!res.Item) return undefined;
  return {
    userId: String(res.Item.userId),
    familyId: String(res.Item.familyId),
    expiresAt: String(res.Item.expiresAt),
    usedAt: (res.Item.usedAt as string | undefined) ?? null,
    successor: (res.Item.successor as string | undefined) ?? null,
  };
}

export type RotateOutcome = 'rotated' | 'reused' | 'revoked' | 'conflict';

/**
 * Marks `oldHash` used (keeping its sealed successor) and issues `newHash` in the same family, in one
 * transaction that also checks the family is not revoked. 'reused': the token was already used.
 */
export async function rotateRefresh(old: RefreshRecord, oldHash: string, newHash: string, sealedSuccessor: string, now: Date): Promise<RotateOutcome> {
  const expiresAt = new Date(now.getTime() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString();
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: refreshKey(oldHash),
              UpdateExpression: 'SET usedAt = :now, successor = :successor',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
              ExpressionAttributeValues: { ':now': now.toISOString(), ':successor': sealedSuccessor },
            },
          },
          {
            ConditionCheck: {
              TableName: tableName,
              Key: familyKey(old.userId, old.familyId),
              ConditionExpression: 'revoked = :false',
              ExpressionAttributeValues: { ':false': false },
            },
          },
          { Put: { TableName: tableName, Item: refreshItem(newHash, { userId: old.userId, familyId: old.familyId, expiresAt }), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }),
    );
    return 'rotated';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [token, family] = error.CancellationReasons ?? [];
    if (family?.Code === 'ConditionalCheckFailed') return 'revoked';
    if (token?.Code === 'ConditionalCheckFailed') return 'reused';
    // Two refreshes of one token at the same instant: real DynamoDB may cancel the loser with a
    // conflict instead of a failed condition. Nothing was written; the caller may simply retry.
    if (isTransientConflict(error)) return 'conflict';
    throw error;
  }
}

export async function isFamilyActive(userId: string, familyId: string): Promise<boolean> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: familyKey(userId, familyId), ConsistentRead: true }));
  return res.Item?.revoked === false;
}

export async function revokeFamily(userId: string, familyId: string, now: Date): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: familyKey(userId, familyId),
      UpdateExpression: 'SET revoked = :true, revokedAt = :now',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':true': true, ':now': now.toISOString() },
    }),
  ).catch((error: unknown) => {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
  });
}

/** Revokes every session of a user except `keep` (password changed or reset). */
export async function revokeAllFamilies(userId: string, now: Date, keep?: string): Promise<number> {
  const families = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :family)',
    FilterExpression: 'revoked = :false',
    ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':family': 'FAMILY#', ':false': false },
  });
  let revoked = 0;
  for (const item of families) {
    if (item.familyId === keep) continue;
    await revokeFamily(userId, String(item.familyId), now);
    revoked += 1;
  }
  return revoked;
}
