// A test file's table has no stream (integrationSetup.ts) unless the file feeds its stream consumers,
// as this does. DynamoDB Local keeps every stream record for 24 hours, a deleted table's too, and
// every later write of the run slows as they pile up: 600 puts into each of 12 fresh tables in one
// DynamoDB Local went from 158 a second to 80 with streams, and stayed at 168–286 without.
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { startTableStreamWorkers, type TableStreamFeed } from '../../infra/local/tableStream';
import { tableName } from '../../shared/db/client';
import type { WorkerDefinition } from '../../shared/workers';

/** Turns the file's table's stream on (once; records from then on), then feeds it to `workers`' handlers. */
export async function startTestTableStream(workers: readonly WorkerDefinition[]): Promise<TableStreamFeed> {
  const endpoint = inject('dynamoEndpoint');
  const client = new DynamoDBClient({ endpoint });
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!described.Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }));
      for (let i = 0; i < 100; i++) {
        const now = await client.send(new DescribeTableCommand({ TableName: tableName }));
        if (now.Table?.LatestStreamArn && now.Table.TableStatus === 'ACTIVE') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    client.destroy();
  }
  return startTableStreamWorkers(workers, { endpoint, tableName });
}
