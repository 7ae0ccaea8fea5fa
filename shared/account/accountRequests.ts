// The account-requests queue: what the API accepts about an account without looking the account up
// (today: "mail me a reset link"), for a worker to carry out. The message says only what was asked.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import { readEnv } from '../config';
import { DEPENDENCY_CLIENT_OPTIONS } from '../dependencies';
import { QUEUES } from '../queues';

export const accountRequestSchema = z.strictObject({
  kind: z.literal('passwordReset'),
  email: z.email(),
  requestedAt: z.iso.datetime(),
});
export type AccountRequest = z.infer<typeof accountRequestSchema>;

// Read on first use: the module is imported with the account use cases by functions that never queue.
let queue: { url: string; sqs: SQSClient } | undefined;

export async function enqueueAccountRequest(request: AccountRequest): Promise<void> {
  if (!queue) {
    const env = readEnv({ [QUEUES.accountRequests.urlEnv]: z.url(), SQS_ENDPOINT: z.url().optional() });
    queue = { url: env[QUEUES.accountRequests.urlEnv], sqs: new SQSClient({ ...DEPENDENCY_CLIENT_OPTIONS, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) }) };
  }
  await queue.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(accountRequestSchema.parse(request)) }));
}
