// The environment the functions see on one machine: what CDK sets on each Lambda, pointed at the
// local stand-ins. Set before any function module is imported (they read it at load time).
import { QUEUES, type QueueName } from '../../shared/queues';
import { SECRETS, type SecretName } from '../../shared/secrets';

export const LOCAL_TABLE_NAME = 'mineral-shop';

/** The sender of every local mail (aws-ses-v2-local accepts any). */
export const LOCAL_MAIL_FROM = 'Mineral shop <shop@mineral-shop.local>';

export interface LocalServices {
  tableName: string;
  dynamoEndpoint: string;
  /** local-aws-sqs; with `queueUrls`, what functions that send to or read a queue need. */
  sqsEndpoint?: string;
  /** Each queue's URL (from createQueues in ./sqs), set in the variable the queue's `urlEnv` names. */
  queueUrls?: Partial<Record<QueueName, string>>;
  /** aws-ses-v2-local; functions that send mail need it (and MAIL_FROM, set with it). */
  sesEndpoint?: string;
  /** Local values of the secrets that Secrets Manager holds in AWS (see shared/secrets.ts). */
  secrets?: Partial<Record<SecretName, string>>;
  /** Base URL of the shop, for links in mail. */
  shopUrl?: string;
  /** The local payment sandbox's base URL (./paymentSandbox.ts); omitted when real Stripe test mode is used. */
  paymentSandboxUrl?: string;
  /** The S3 emulator (./s3.ts) and the photo bucket in it. */
  s3Endpoint?: string;
  photoBucket?: string;
}

export function localEnvironment(services: LocalServices): Record<string, string> {
  const queueUrls = Object.entries(services.queueUrls ?? {}).map(([name, url]) => [QUEUES[name as QueueName].urlEnv, url] as const);
  return {
    TABLE_NAME: services.tableName,
    DYNAMODB_ENDPOINT: services.dynamoEndpoint,
    ...(services.sqsEndpoint ? { SQS_ENDPOINT: services.sqsEndpoint } : {}),
    ...Object.fromEntries(queueUrls),
    // Without a local SES, MAIL_FROM stays unset, so a mail-sending function fails at load instead of
    // reaching for the real SES.
    ...(services.sesEndpoint ? { SES_ENDPOINT: services.sesEndpoint, MAIL_FROM: LOCAL_MAIL_FROM } : {}),
    ...Object.fromEntries(Object.entries(services.secrets ?? {}).map(([name, value]) => [SECRETS[name as SecretName].localEnv, value])),
    ...(services.shopUrl ? { SHOP_URL: services.shopUrl } : {}),
    ...(services.paymentSandboxUrl ? { PAYMENT_SANDBOX_URL: services.paymentSandboxUrl } : {}),
    ...(services.s3Endpoint ? { S3_ENDPOINT: services.s3Endpoint } : {}),
    ...(services.photoBucket ? { PHOTO_BUCKET: services.photoBucket } : {}),
    // The payment sandbox runs only where STAGE says local (shared/payments/gateway.ts).
    STAGE: 'local',
    AWS_REGION: 'us-east-1',
    // The local services accept any alphanumeric key id; these never leave the machine.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_SERVICE_NAME: 'mineral-shop',
    POWERTOOLS_DEV: 'false',
  };
}

export function applyEnvironment(env: Record<string, string>): void {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
}
