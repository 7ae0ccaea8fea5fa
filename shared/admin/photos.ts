// An admin adds a photo to a mineral: a pending image item, and a presigned POST the browser sends
// the file with, straight to the bucket. The worker does the rest (shared/photos/processUpload.ts).
import { randomUUID } from 'node:crypto';
import { putPendingImage } from '../db/mineralImages';
import { MAX_PHOTO_BYTES, photoUploadKey, type PhotoContentType } from '../domain/photos';
import { presignUpload } from '../photos/storage';

export async function createImageUpload(mineralId: string, request: { contentType: PhotoContentType; alt: string }, now: Date = new Date()) {
  const imageId = randomUUID();
  await putPendingImage({ mineralId, imageId, alt: request.alt, createdAt: now.toISOString() });
  const upload = await presignUpload(photoUploadKey(mineralId, imageId), request.contentType, now);
  return { imageId, status: 'pending' as const, maxBytes: MAX_PHOTO_BYTES, upload };
}
