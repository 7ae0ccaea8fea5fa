// Runs before each integration test file is imported: points the functions at DynamoDB Local, local SQS
// and local SES, with a fresh table and fresh queues of their own (named after the same random suffix),
// created from the same definitions CDK deploys.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { createQueues } from '../../infra/local/sqs';
import { ensureTable } from '../../infra/local/table';
import { generateKeySet } from '../../shared/auth/keySet';

const suffix = randomBytes(6).toString('hex');
const tableName = `test-${suffix}`;
const dynamoEndpoint = inject('dynamoEndpoint');
const sqsEndpoint = inject('sqsEndpoint');
const sesEndpoint = inject('sesEndpoint');

applyEnvironment(localEnvironment({ tableName, dynamoEndpoint, sqsEndpoint, sesEndpoint }));
process.env.POWERTOOLS_LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'SILENT';

const client = new DynamoDBClient({ endpoint: dynamoEndpoint });
const [queueUrls, shopperTokenKeys] = await Promise.all([createQueues(sqsEndpoint, `test-${suffix}-`), generateKeySet(), ensureTable(client, tableName)]);
client.destroy();
applyEnvironment(localEnvironment({ tableName, dynamoEndpoint, sqsEndpoint, sesEndpoint, queueUrls, secrets: { shopperTokenKeys } }));
