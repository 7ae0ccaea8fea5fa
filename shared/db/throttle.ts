// Counting sign-in attempts in fixed windows, per account and per client, to slow down guessing.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { TTL_ATTRIBUTE } from './table';

export interface Window {
  start: number;
  end: number;
}

export function windowOf(now: Date, seconds: number): Window {
  const start = Math.floor(now.getTime() / 1000 / seconds) * seconds;
  return { start, end: start + seconds };
}

const key = (scope: string, subject: string, w: Window) => ({ pk: `THROTTLE#${scope}#${subject}`, sk: `WINDOW#${w.start}` });

/**
 * Takes one attempt out of a window's allowance before the attempt is made, atomically: true if
 * there was room (fewer than `limit` taken), false otherwise. Attempts sent in parallel cannot all
 * slip past a limit that is only checked by reading.
 */
export async function claimAttempt(scope: string, subject: string, w: Window, limit: number): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(scope, subject, w),
        UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(failures) OR failures < :limit',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': w.end + 3600, ':limit': limit },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Gives a claimed attempt back (it succeeded, so it does not count as a failure). */
export async function refundAttempt(scope: string, subject: string, w: Window): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key(scope, subject, w),
      UpdateExpression: 'ADD failures :minusOne',
      ExpressionAttributeValues: { ':minusOne': -1 },
    }),
  );
}
