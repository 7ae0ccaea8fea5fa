// The local table is kept in .local/ between runs: one made by an older checkout, lacking indexes the
// shop now queries, must be refused at start with what to do — not answer 500 on those routes later.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, inject, it } from 'vitest';
import { createTableInput, dropTable, ensureTable, OutdatedTableError } from '../../infra/local/table';
import { INDEXES } from '../../shared/db/table';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
const name = `older-table-${Date.now()}`;
const reprojected = `reprojected-table-${Date.now()}`;
afterAll(async () => {
  await dropTable(client, name);
  await dropTable(client, reprojected);
  client.destroy();
});

it('refuses a table that lacks an index, naming it and saying how to start afresh', async () => {
  const older = createTableInput(name);
  older.GlobalSecondaryIndexes = older.GlobalSecondaryIndexes!.slice(0, -1);
  const keys = new Set(['pk', 'sk', ...older.GlobalSecondaryIndexes.flatMap((i) => i.KeySchema!.map((k) => k.AttributeName))]);
  older.AttributeDefinitions = older.AttributeDefinitions!.filter((a) => keys.has(a.AttributeName));
  await client.send(new CreateTableCommand(older));

  const refusal = ensureTable(client, name);
  await expect(refusal).rejects.toBeInstanceOf(OutdatedTableError);
  const missing = Object.keys(INDEXES).at(-1)!;
  await expect(refusal).rejects.toThrow(new RegExp(`${missing}[\\s\\S]*npm run reset`));
});

it('refuses a table whose index projects other attributes than the definition, naming it', async () => {
  // Before the account index left password hashes out and the catalog indexes carried only the card, every index projected ALL.
  const older = createTableInput(reprojected);
  for (const index of older.GlobalSecondaryIndexes!) index.Projection = { ProjectionType: 'ALL' };
  await client.send(new CreateTableCommand(older));

  const refusal = ensureTable(client, reprojected);
  await expect(refusal).rejects.toBeInstanceOf(OutdatedTableError);
  await expect(refusal).rejects.toThrow(/projects other attributes into allByPrice, [^\n]*categoryByRating, usersByEmail, ordersByCustomer, ordersByStatus[\s\S]*npm run reset/);
});
