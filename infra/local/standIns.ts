// For `npm start`: local SQS, local SES and cognito-local in ONE Node process beside the shop's, so
// the idle stack stays small (each Node process costs ~45 MB before it does anything). Tests start
// them separately (sqs.ts, ses.ts, cognito.ts); the servers and their settings are the same.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { cognitoLocalEntry } from './cognito';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, localSqsClient, startNodeService } from './sqs';

const STAND_INS = `
const [sqsModule, sqsPort, accountId, region, sesModule, sesPort, cognitoEntry, cognitoPort, cognitoDir] = process.argv.slice(1);
require(sqsModule).createSqsServer({ port: Number(sqsPort), hostname: '127.0.0.1', accountId, region, emulateQueueCreationLifecycle: false });
require(sesModule).default({ host: '127.0.0.1', port: Number(sesPort) });
// cognito-local takes its port and host from the environment and keeps its data under its working directory.
process.env.PORT = cognitoPort;
process.env.HOST = '127.0.0.1';
process.chdir(cognitoDir);
require(cognitoEntry);
`;

export interface AwsStandIns {
  sqsEndpoint: string;
  sesEndpoint: string;
  cognitoEndpoint: string;
  stop(): Promise<void>;
}

export async function startAwsStandIns(options: { sqsPort: number; sesPort: number; cognitoPort: number; cognitoDir: string }): Promise<AwsStandIns> {
  mkdirSync(options.cognitoDir, { recursive: true });
  const resolve = createRequire(import.meta.url).resolve;
  const sqsEndpoint = `http://127.0.0.1:${options.sqsPort}`;
  const sesEndpoint = `http://127.0.0.1:${options.sesPort}`;
  const cognitoEndpoint = `http://127.0.0.1:${options.cognitoPort}`;
  const sqs = localSqsClient(sqsEndpoint, { maxAttempts: 1 });
  try {
    const service = await startNodeService({
      name: 'local AWS stand-ins (local-aws-sqs, aws-ses-v2-local, cognito-local)',
      script: STAND_INS,
      args: [
        resolve('local-aws-sqs'),
        String(options.sqsPort),
        LOCAL_ACCOUNT_ID,
        LOCAL_REGION,
        resolve('aws-ses-v2-local'),
        String(options.sesPort),
        cognitoLocalEntry(),
        String(options.cognitoPort),
        options.cognitoDir,
      ],
      // With SMTP_TRANSPORT set, aws-ses-v2-local would forward mail to an SMTP server; nothing may leave the machine.
      withoutEnv: ['SMTP_TRANSPORT'],
      timeoutMs: 30_000,
      answers: async () => {
        await sqs.send(new ListQueuesCommand({}));
        const ses = await fetch(`${sesEndpoint}/store`, { signal: AbortSignal.timeout(1_000) });
        const cognito = await fetch(`${cognitoEndpoint}/health`, { signal: AbortSignal.timeout(1_000) });
        return ses.ok && cognito.ok;
      },
    });
    return { sqsEndpoint, sesEndpoint, cognitoEndpoint, stop: service.stop };
  } finally {
    sqs.destroy();
  }
}
