// Creates the shop's table in DynamoDB Local from the same definition CDK deploys.
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type Projection,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { INDEX_DEFINITIONS, TABLE_DEFINITION } from '../../shared/db/table';

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
    GlobalSecondaryIndexes: INDEX_DEFINITIONS.map(([name, index]) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: index.pk, KeyType: 'HASH' },
        { AttributeName: index.sk, KeyType: 'RANGE' },
      ],
      Projection: index.projection ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] } : { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** How an index's projection reads, for comparing the table's with the definition's. */
const projectionOf = (p: Projection | undefined) =>
  p?.ProjectionType === 'INCLUDE' ? `INCLUDE ${[...(p.NonKeyAttributes ?? [])].sort().join(',')}` : (p?.ProjectionType ?? 'ALL');

/** The table's indexes and their projections, or undefined when there is no table. */
async function existingIndexes(client: DynamoDBClient, tableName: string): Promise<Map<string, string> | undefined> {
  try {
    const res = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return new Map((res.Table?.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName ?? '', projectionOf(i.Projection)]));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  return (await existingIndexes(client, tableName)) !== undefined;
}

/** A table kept from an older checkout lacks indexes the shop now queries, or projects them differently. */
export class OutdatedTableError extends Error {
  override name = 'OutdatedTableError';
}

/**
 * Creates the table unless it exists; returns whether it was created. A table kept in .local/ from an
 * older checkout that lacks indexes added since is refused with what to do, instead of answering 500
 * on the routes that query them. (DynamoDB Local builds added indexes one at a time and slowly; a
 * reset of the demo data is quicker and surer.)
 */
export async function ensureTable(client: DynamoDBClient, tableName: string, options: { stream?: boolean } = {}): Promise<boolean> {
  const indexes = await existingIndexes(client, tableName);
  if (indexes) {
    const wanted = new Map((createTableInput(tableName).GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName ?? '', projectionOf(i.Projection)]));
    const missing = [...wanted.keys()].filter((name) => !indexes.has(name));
    // A projection cannot change in place: an index that carries other attributes (a password hash
    // the definition no longer projects, say) needs the table made again.
    const reprojected = [...wanted].filter(([name, projection]) => indexes.has(name) && indexes.get(name) !== projection).map(([name]) => name);
    if (missing.length > 0 || reprojected.length > 0) {
      const problems = [
        ...(missing.length > 0 ? [`lacks the indexes ${missing.join(', ')}`] : []),
        ...(reprojected.length > 0 ? [`projects other attributes into ${reprojected.join(', ')}`] : []),
      ];
      throw new OutdatedTableError(
        `The local table ${tableName} was made by an older version of the shop and ${problems.join(' and ')}.\n` +
          'Run `npm run reset` to start again from a fresh seed (this deletes the local data in .local/).',
      );
    }
    return false;
  }
  const input = createTableInput(tableName);
  // Without a stream only where nothing reads one (most test files' tables: see test/support/tableStream.ts).
  if (options.stream === false) delete input.StreamSpecification;
  await client.send(new CreateTableCommand(input));
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
