// Global setup of the e2e project: builds the site once (when frontend/dist is missing or older than
// its sources), then starts the same local services as the integration tests (DynamoDB Local, local
// SQS and SES on free loopback ports); each test file makes its own table, queues and shop on them.
import type { TestProject } from 'vitest/node';
import { ensureSiteBuilt } from '../../../infra/local/site';
import startLocalServices from '../../support/localServices';

export default async function setup(project: TestProject) {
  await ensureSiteBuilt((line) => process.stderr.write(`[e2e] ${line}\n`));
  return startLocalServices(project);
}
