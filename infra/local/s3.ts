// Plays S3 on one machine: the npm `s3rver` emulator on 127.0.0.1, holding the photo bucket, and what
// S3's event notification does in AWS — each object created under uploads/ is announced on the
// photoUploads queue, with the same S3 notification body, so the same consumer handles it.
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
// @ts-expect-error -- s3rver ships no types; the few members used here are typed below.
import S3rverModule from 's3rver';
import { PHOTO_UPLOAD_PREFIX } from '../../shared/domain/photos';
import { localSqsClient } from './sqs';

interface S3rverEvent {
  Records: { eventName: string; s3: { bucket: { name: string }; object: { key: string } } }[];
}
interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: S3rverEvent) => void): void;
}
const S3rver = S3rverModule as new (options: Record<string, unknown>) => S3rverInstance;
// @ts-expect-error -- untyped internals: the emulator's one account, to give it the local key pair.
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
// The functions sign with the local environment's key (infra/local/environment.ts): the emulator
// checks signatures, so it learns that key beside its own.
(DUMMY_ACCOUNT as { createKeyPair(id: string, secret: string): void }).createKeyPair('local', 'local');

/** The local photo bucket of `npm start`. */
export const LOCAL_PHOTO_BUCKET = 'mineral-photos';

export interface LocalS3Options {
  port: number;
  /** Where objects are kept (`npm start`: under .local/, kept between runs). */
  directory: string;
  /** Where the created-object notification of each bucket's uploads goes; undefined: nowhere. */
  uploadsQueueFor: (bucket: string) => Promise<string | undefined> | string | undefined;
  sqsEndpoint: string;
  log?: (line: string) => void;
}

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const server = new S3rver({ address: '127.0.0.1', port: options.port, directory: options.directory, silent: true });
  const sqs = localSqsClient(options.sqsEndpoint);
  const log = options.log ?? ((line: string) => console.error(line));
  server.on('event', (event) => {
    const record = event.Records[0];
    if (!record?.eventName.startsWith('ObjectCreated:') || !record.s3.object.key.startsWith(PHOTO_UPLOAD_PREFIX)) return;
    void Promise.resolve(options.uploadsQueueFor(record.s3.bucket.name))
      .then((queueUrl) => (queueUrl ? sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) })) : undefined))
      .catch((error: unknown) => log(`local S3: could not announce ${record.s3.object.key}: ${error instanceof Error ? error.message : String(error)}`));
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      sqs.destroy();
    },
  };
}

/** Creates a photo bucket in the emulator (if missing) that accepts browser uploads from `shopOrigin`, as the real one does. */
export async function ensurePhotoBucket(endpoint: string, bucket: string, shopOrigin: string): Promise<void> {
  const s3 = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
      if (!(error instanceof Error && /BucketAlready/.test(error.name))) throw error;
    });
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [shopOrigin], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }] },
      }),
    );
  } finally {
    s3.destroy();
  }
}
