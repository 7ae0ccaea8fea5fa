// Counting failed sign-ins in fixed windows, per account and per client, to slow down guessing.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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

export async function failuresIn(scope: string, subject: string, w: Window): Promise<number> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: key(scope, subject, w), ConsistentRead: true }));
  return Number(res.Item?.failures ?? 0);
}

export async function recordFailure(scope: string, subject: string, w: Window): Promise<number> {
  const res = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key(scope, subject, w),
      UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ':one': 1, ':ttl': w.end + 3600 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(res.Attributes?.failures ?? 0);
}
