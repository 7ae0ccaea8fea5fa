// Runs before each integration test file is imported: points the functions at DynamoDB Local and at a
// fresh table of their own, created from the same definition CDK deploys.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { ensureTable } from '../../infra/local/table';

const tableName = `test-${randomBytes(6).toString('hex')}`;
const dynamoEndpoint = inject('dynamoEndpoint');
applyEnvironment(localEnvironment({ tableName, dynamoEndpoint }));
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const client = new DynamoDBClient({ endpoint: dynamoEndpoint });
await ensureTable(client, tableName);
client.destroy();
