// Runs local-aws-sqs (an in-memory SQS that speaks the JSON protocol of the v3 SDK) on 127.0.0.1, in a
// Node process of its own so that a crash in it cannot take the shop down, and creates the shop's
// queues (shared/queues.ts) in it, each with its dead-letter queue and redrive policy, as CDK does.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  SQSClient,
  type QueueAttributeName,
} from '@aws-sdk/client-sqs';
import { QUEUES, type QueueName } from '../../shared/queues';
import { stopChild } from './dynamodb';

/** The account and region every local ARN and queue URL carries (the local runtime's fake context uses the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';

/** SQS keeps a dead-letter message 14 days at most; a person has that long to look at it. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface LocalService {
  endpoint: string;
  /** The service's process id (to measure its memory, or to tell it apart in `ps`). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface NodeServiceOptions {
  /** Names the service in errors, and in what is printed if it dies. */
  name: string;
  /** CommonJS source run with `node -e`; reads its arguments from process.argv.slice(1). */
  script: string;
  args: string[];
  /** Environment variables to leave out of the child's environment. */
  withoutEnv?: string[];
  /** Resolves true once the service answers; polled until then. */
  answers: () => Promise<boolean>;
  timeoutMs?: number;
}

/**
 * Runs a small Node program in a child process on the project's Node (the one running us) and waits
 * until it answers. The child has an IPC channel and exits when it closes, so it never outlives the
 * shop, even one killed without a chance to stop it; if it dies on its own, that is printed with its
 * last output.
 */
export async function startNodeService(options: NodeServiceOptions): Promise<{ pid: number | undefined; stop: () => Promise<void> }> {
  const env = { ...process.env };
  for (const name of options.withoutEnv ?? []) delete env[name];
  const script = `process.on('disconnect', () => process.exit(0));\n${options.script}`;
  const child = spawn(process.execPath, ['-e', script, ...options.args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // The channel must not keep the parent alive by itself: `stop()` or the parent's exit ends the child.
  child.unref();
  child.channel?.unref();

  await waitUntilAnswering(options, child, () => output);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${options.name} stopped unexpectedly (${code ?? signal}):\n${output}`);
  });
  return {
    pid: child.pid,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

async function waitUntilAnswering(options: NodeServiceOptions, child: ChildProcess, output: () => string): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output()}`);
    }
    if (await answersWithin(options.answers, 2_000)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopChild(child);
  throw new Error(`${options.name} did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

/** False when the probe fails or hangs: something else holding the port may accept and never answer. */
async function answersWithin(probe: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([probe().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const SQS_SERVER = `
const [modulePath, port, accountId, region] = process.argv.slice(1);
require(modulePath).createSqsServer({
  port: Number(port),
  hostname: '127.0.0.1',
  accountId,
  region,
  // Tests create and delete queues freely; AWS's 60-second wait before re-creating a name is no help here.
  emulateQueueCreationLifecycle: false,
});
`;

export interface LocalSqsOptions {
  port: number;
}

export async function startLocalSqs(options: LocalSqsOptions): Promise<LocalService> {
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localSqsClient(endpoint, { maxAttempts: 1 });
  try {
    const service = await startNodeService({
      name: 'local SQS (local-aws-sqs)',
      script: SQS_SERVER,
      args: [createRequire(import.meta.url).resolve('local-aws-sqs'), String(options.port), LOCAL_ACCOUNT_ID, LOCAL_REGION],
      answers: async () => {
        await client.send(new ListQueuesCommand({}));
        return true;
      },
    });
    return { endpoint, ...service };
  } finally {
    client.destroy();
  }
}

/** An SQS client for the local endpoint (local-aws-sqs takes any credentials). */
export function localSqsClient(endpoint: string, options: { maxAttempts?: number } = {}): SQSClient {
  return new SQSClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...options,
  });
}

/** The physical names of a queue and its dead-letter queue (a FIFO queue's must end in `.fifo`, and so must its DLQ's). */
export function queueNames(name: QueueName, prefix: string): { queue: string; deadLetter: string } {
  const suffix = QUEUES[name].fifo ? '.fifo' : '';
  return { queue: `${prefix}${name}${suffix}`, deadLetter: `${prefix}${name}-dlq${suffix}` };
}

export type QueueUrls = Record<QueueName, string>;

export interface CreateQueuesOptions {
  /** Per-queue visibility timeouts that replace the shop's (tests use short ones to see a redrive quickly). */
  visibilityTimeoutSeconds?: Partial<Record<QueueName, number>>;
}

/**
 * Creates every queue of shared/queues.ts (and its dead-letter queue) whose names start with `prefix`;
 * returns each queue's URL. Creating a queue that exists with the same attributes is a no-op, so this
 * is safe to run on every start.
 */
export async function createQueues(endpoint: string, prefix: string, options: CreateQueuesOptions = {}): Promise<QueueUrls> {
  const client = localSqsClient(endpoint);
  try {
    const entries = await Promise.all(
      (Object.keys(QUEUES) as QueueName[]).map(async (name) => {
        const definition = QUEUES[name];
        const names = queueNames(name, prefix);
        const fifo: Partial<Record<QueueAttributeName, string>> = definition.fifo ? { FifoQueue: 'true' } : {};
        const dlq = await client.send(
          new CreateQueueCommand({
            QueueName: names.deadLetter,
            Attributes: { ...fifo, MessageRetentionPeriod: String(DEAD_LETTER_RETENTION_SECONDS) },
          }),
        );
        const dlqAttributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }));
        const queue = await client.send(
          new CreateQueueCommand({
            QueueName: names.queue,
            Attributes: {
              ...fifo,
              VisibilityTimeout: String(options.visibilityTimeoutSeconds?.[name] ?? definition.visibilityTimeoutSeconds),
              RedrivePolicy: JSON.stringify({
                deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
                maxReceiveCount: definition.maxReceives,
              }),
            },
          }),
        );
        if (!queue.QueueUrl) throw new Error(`local SQS returned no URL for ${names.queue}`);
        return [name, queue.QueueUrl] as const;
      }),
    );
    return Object.fromEntries(entries) as QueueUrls;
  } finally {
    client.destroy();
  }
}

/** The URL of a queue's dead-letter queue, found from the queue's redrive policy. */
export async function deadLetterQueueUrl(client: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
  const policy = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string };
  const name = policy.deadLetterTargetArn?.split(':').pop();
  if (!name) throw new Error(`${queueUrl} has no dead-letter queue`);
  const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`local SQS returned no URL for ${name}`);
  return QueueUrl;
}
