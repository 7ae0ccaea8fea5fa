// The photo bucket: presigned POSTs for the console's uploads, and the worker's reads and writes.
// In AWS the bucket is the data stack's (PHOTO_BUCKET); on one machine an S3 emulator (S3_ENDPOINT).
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import * as z from 'zod';
import { readEnv } from '../config';
import { MAX_PHOTO_BYTES, type PhotoContentType } from '../domain/photos';

let storage: { bucket: string; s3: S3Client } | undefined;

/**
 * The bucket and its client, read on first use: a function that imports this module but never
 * touches a photo (listing a mineral's images, say) needs no PHOTO_BUCKET and no grant to start.
 */
function photoStorage(): { bucket: string; s3: S3Client } {
  if (!storage) {
    const env = readEnv({
      PHOTO_BUCKET: z.string().min(3),
      /** Set only on one machine, where an S3 emulator plays the real service. */
      S3_ENDPOINT: z.url().optional(),
    });
    storage = { bucket: env.PHOTO_BUCKET, s3: new S3Client(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true } : {}) };
  }
  return storage;
}

/** The photo bucket's name. */
export const photoBucket = (): string => photoStorage().bucket;

/** How long a presigned upload may be used. */
const UPLOAD_WINDOW_SECONDS = 10 * 60;

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** A POST the browser sends the file with: this key only, this content type only, at most the cap. */
export async function presignUpload(key: string, contentType: PhotoContentType, now: Date = new Date()): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(photoStorage().s3, {
    Bucket: photoBucket(),
    Key: key,
    Conditions: [
      ['content-length-range', 1, MAX_PHOTO_BYTES],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_WINDOW_SECONDS,
  });
  return { url, fields, expiresAt: new Date(now.getTime() + UPLOAD_WINDOW_SECONDS * 1000).toISOString() };
}

/** The object and what it was sent as; undefined when it is not there (already handled). */
export async function readObject(key: string, maxBytes: number): Promise<{ body: Buffer | undefined; bytes: number; contentType: string | undefined } | undefined> {
  try {
    const res = await photoStorage().s3.send(new GetObjectCommand({ Bucket: photoBucket(), Key: key }));
    const bytes = res.ContentLength ?? 0;
    // An object over the cap is refused by its size alone: never read it into memory.
    if (bytes > maxBytes) {
      res.Body?.transformToWebStream().cancel().catch(() => undefined);
      return { body: undefined, bytes, contentType: res.ContentType };
    }
    return { body: Buffer.from((await res.Body?.transformToByteArray()) ?? []), bytes, contentType: res.ContentType };
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
    throw error;
  }
}

export async function writeObject(key: string, body: Buffer, contentType: string): Promise<void> {
  await photoStorage().s3.send(new PutObjectCommand({ Bucket: photoBucket(), Key: key, Body: body, ContentType: contentType, CacheControl: 'public, max-age=31536000, immutable' }));
}

export async function deleteObjects(keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await photoStorage().s3.send(new DeleteObjectsCommand({ Bucket: photoBucket(), Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
}
