// Global setup for integration tests: one in-memory DynamoDB Local, one local SQS and one local SES, each
// on a free loopback port, for the whole run. Each test file gets its own table and its own queues (see
// integrationSetup.ts), so files never interfere; mail is told apart by its recipient.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb';
import { freePort } from '../../infra/local/ports';
import { startLocalSes } from '../../infra/local/ses';
import { startLocalSqs } from '../../infra/local/sqs';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sqsEndpoint: string;
    sesEndpoint: string;
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
  return async () => {
    await stopAll();
  };
}
