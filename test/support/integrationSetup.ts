// Runs before each integration test file is imported: points the functions at DynamoDB Local, local SQS
// and local SES, with a fresh table and fresh queues of their own (named after the same random suffix),
// created from the same definitions CDK deploys, and starts the file's own payment sandbox (see
// test/support/payments.ts), whose events go to the test API (startTestApi).
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, inject } from 'vitest';
import { applyEnvironment, localEnvironment } from '../../infra/local/environment';
import { generateWebhookSecret } from '../../infra/local/localSecrets';
import { createPaymentSandbox } from '../../infra/local/paymentSandbox';
import { ensurePhotoBucket } from '../../infra/local/s3';
import { createQueues } from '../../infra/local/sqs';
import { ensureTable } from '../../infra/local/table';
import { generateKeySet } from '../../shared/auth/keySet';
import { SECRETS } from '../../shared/secrets';
import { setPaymentSandbox } from './payments';

const suffix = randomBytes(6).toString('hex');
const tableName = `test-${suffix}`;
const dynamoEndpoint = inject('dynamoEndpoint');
const sqsEndpoint = inject('sqsEndpoint');
const sesEndpoint = inject('sesEndpoint');
// Each file's own photo bucket in the one S3 emulator of the run. It takes browser uploads from the
// file's shop (an e2e file's SHOP_URL, set by shopUrl.ts) as the real bucket does from the site.
const s3Endpoint = (inject as (key: string) => string | undefined)('s3Endpoint');
const photoBucket = s3Endpoint ? tableName : undefined;
const shopOrigin = process.env.SHOP_URL ?? 'http://127.0.0.1';

applyEnvironment(localEnvironment({ tableName, dynamoEndpoint, sqsEndpoint, sesEndpoint }));
// Tests never reach real Stripe, whatever the developer's shell has set.
for (const name of ['stripeApiKey', 'stripeWebhookSecret'] as const) {
  delete process.env[SECRETS[name].localEnv];
  delete process.env[SECRETS[name].arnEnv];
}
process.env.POWERTOOLS_LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'SILENT';

const stripeWebhookSecret = generateWebhookSecret();
const paymentSandbox = createPaymentSandbox({ webhookSecret: stripeWebhookSecret });
setPaymentSandbox(paymentSandbox);
afterAll(async () => {
  setPaymentSandbox(undefined);
  await paymentSandbox.close();
});

const client = new DynamoDBClient({ endpoint: dynamoEndpoint });
const [queueUrls, shopperTokenKeys, paymentSandboxUrl] = await Promise.all([
  createQueues(sqsEndpoint, `test-${suffix}-`),
  generateKeySet(),
  paymentSandbox.listen(),
  // No stream unless the file's stream consumers are under test (test/support/tableStream.ts) or the
  // whole shop runs (e2e, TEST_TABLE_STREAM=on in vitest.config.ts).
  ensureTable(client, tableName, { stream: process.env.TEST_TABLE_STREAM === 'on' }),
  s3Endpoint && photoBucket ? ensurePhotoBucket(s3Endpoint, photoBucket, shopOrigin) : undefined,
]);
client.destroy();
// The one DynamoDB Local of the run would keep every file's table, and its items, in memory for the
// whole run: a file's table goes when the file is done. (What slowed later files down was not this
// but the tables' streams: see test/support/tableStream.ts.)
afterAll(async () => {
  const cleaner = new DynamoDBClient({ endpoint: dynamoEndpoint });
  try {
    await cleaner.send(new DeleteTableCommand({ TableName: tableName }));
  } catch {
    // Best effort: a table left behind costs memory, not correctness.
  } finally {
    cleaner.destroy();
  }
});
applyEnvironment(
  localEnvironment({
    tableName,
    dynamoEndpoint,
    sqsEndpoint,
    sesEndpoint,
    queueUrls,
    paymentSandboxUrl,
    secrets: { shopperTokenKeys, stripeWebhookSecret },
    ...(s3Endpoint && photoBucket ? { s3Endpoint, photoBucket } : {}),
  }),
);
