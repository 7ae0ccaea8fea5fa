// The local table is kept in .local/ between runs: a table made by an older checkout must get the
// indexes added since, or the routes and jobs that query them fail (a 500 on a shopper path).
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, inject, it } from 'vitest';
import { createTableInput, dropTable, ensureTable } from '../../infra/local/table';
import { INDEXES } from '../../shared/db/table';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const name = `older-table-${Date.now()}`;
afterAll(async () => {
  await dropTable(client, name);
  client.destroy();
});

// One index missing: DynamoDB Local builds indexes one at a time, and slowly on a loaded machine, so
// the test asks for one (ensureTable waits for each build before asking for the next).
it('adds the index an older table lacks, and leaves the rest as they are', async () => {
  const older = createTableInput(name);
  older.GlobalSecondaryIndexes = older.GlobalSecondaryIndexes!.slice(0, -1);
  const keys = new Set(['pk', 'sk', ...older.GlobalSecondaryIndexes.flatMap((i) => i.KeySchema!.map((k) => k.AttributeName))]);
  older.AttributeDefinitions = older.AttributeDefinitions!.filter((a) => keys.has(a.AttributeName));
  await client.send(new CreateTableCommand(older));

  expect(await ensureTable(client, name)).toBe(false);
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  expect(described.Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual(Object.keys(INDEXES).sort());
  expect(await ensureTable(client, name)).toBe(false);
});
