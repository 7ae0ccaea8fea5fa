// Global setup for integration tests: one in-memory DynamoDB Local, one local SQS and one local SES, each
// on a free loopback port, for the whole run. Each test file gets its own table and its own queues (see
// integrationSetup.ts), so files never interfere; mail is told apart by its recipient.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import { freePort } from '../../infra/local/ports';
import { startLocalSes } from '../../infra/local/ses';
import { localSqsClient, queueNames, startLocalSqs } from '../../infra/local/sqs';
import { startLocalS3 } from '../../infra/local/s3';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sqsEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const started = await Promise.allSettled([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) => startLocalSqs({ port })),
    freePort().then((port) => startLocalSes({ port })),
  ]);
  const stopAll = () => Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
  const [dynamo, sqs, ses] = started;
  if (dynamo.status === 'rejected' || sqs.status === 'rejected' || ses.status === 'rejected') {
    await stopAll();
    throw started.find((s) => s.status === 'rejected')?.reason;
  }
  project.provide('dynamoEndpoint', dynamo.value.endpoint);
  project.provide('sqsEndpoint', sqs.value.endpoint);
  project.provide('sesEndpoint', ses.value.endpoint);
  // S3: one emulator; each file makes its own bucket (named like its queues' prefix, see
  // integrationSetup.ts), whose uploads are announced on that file's photoUploads queue.
  const sqsClient = localSqsClient(sqs.value.endpoint);
  const s3Directory = mkdtempSync(path.join(tmpdir(), 'local-s3-'));
  const s3 = await startLocalS3({
    port: await freePort(),
    directory: s3Directory,
    sqsEndpoint: sqs.value.endpoint,
    uploadsQueueFor: async (bucket) => (await sqsClient.send(new GetQueueUrlCommand({ QueueName: queueNames('photoUploads', `${bucket}-`).queue }))).QueueUrl,
  });
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await s3.stop();
    sqsClient.destroy();
    rmSync(s3Directory, { recursive: true, force: true });
    await stopAll();
  };
}
