// Creates the shop's table in DynamoDB Local from the same definition CDK deploys.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
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

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  return (await existingIndexes(client, tableName)) !== undefined;
}

/** A table kept from an older checkout lacks indexes the shop now queries. */
export class OutdatedTableError extends Error {
  override name = 'OutdatedTableError';
}

/**
 * Creates the table unless it exists; returns whether it was created. A table kept in .local/ from an
 * older checkout that lacks indexes added since is refused with what to do, instead of answering 500
 * on the routes that query them. (DynamoDB Local builds added indexes one at a time and slowly; a
 * reset of the demo data is quicker and surer.)
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const indexes = await existingIndexes(client, tableName);
  if (indexes) {
    const missing = Object.keys(TABLE_DEFINITION.indexes).filter((name) => !indexes.has(name));
    if (missing.length > 0) {
      throw new OutdatedTableError(
        `The local table ${tableName} was made by an older version of the shop and lacks the indexes ${missing.join(', ')}.\n` +
          'Run `npm run reset` to start again from a fresh seed (this deletes the local data in .local/).',
      );
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
  if (await tableExists(client, tableName)) await client.send(new DeleteTableCommand({ TableName: tableName }));
}
