// Creates the shop's table in DynamoDB Local from the same definition CDK deploys.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  LimitExceededException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../../shared/db/table';

export function createTableInput(tableName: string): CreateTableCommandInput {
  const { key, indexes } = TABLE_DEFINITION;
  const attributes = new Set<string>([key.pk, key.sk]);
  for (const index of Object.values(indexes)) {
    attributes.add(index.pk);
    attributes.add(index.sk);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: key.pk, KeyType: 'HASH' },
      { AttributeName: key.sk, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: Object.entries(indexes).map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.pk, KeyType: 'HASH' },
        { AttributeName: index.sk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** The index names the table has, or undefined when there is no table. */
async function existingIndexes(client: DynamoDBClient, tableName: string): Promise<Set<string> | undefined> {
  try {
    const res = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return new Set((res.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? ''));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function untilIndexesActive(client: DynamoDBClient, tableName: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if ((res.Table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === undefined || i.IndexStatus === 'ACTIVE')) return;
    if (Date.now() > deadline) throw new Error(`the indexes of ${tableName} are still being built after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Creates the table unless it exists; returns whether it was created. A table kept in .local/ from an
 * older checkout gets the indexes added since (one at a time, as DynamoDB allows), so `npm start`
 * keeps working without a reset when the shop grows a new access pattern.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const indexes = await existingIndexes(client, tableName);
  if (indexes) {
    const wanted = createTableInput(tableName);
    for (const index of wanted.GlobalSecondaryIndexes ?? []) {
      if (indexes.has(index.IndexName!)) continue;
      const keys = index.KeySchema!.map((k) => k.AttributeName!);
      const create = new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions!.filter((a) => keys.includes(a.AttributeName!)),
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName!, KeySchema: index.KeySchema!, Projection: index.Projection! } }],
      });
      for (let attempt = 0; ; attempt++) {
        await untilIndexesActive(client, tableName);
        try {
          await client.send(create);
          break;
        } catch (error) {
          // Still building the previous index, though it says ACTIVE: wait a little and ask again.
          if (!(error instanceof LimitExceededException) || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      // One index may be built at a time: wait for this one before asking for the next.
      await untilIndexesActive(client, tableName);
    }
    return false;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: TABLE_DEFINITION.ttlAttribute },
    }),
  );
  return true;
}

export async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  if (await existingIndexes(client, tableName)) await client.send(new DeleteTableCommand({ TableName: tableName }));
}
