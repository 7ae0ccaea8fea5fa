// An admin's photos of a mineral: adding one (a pending image item, and a presigned POST the browser
// sends the file with, straight to the bucket; the worker does the rest, shared/photos/processUpload.ts),
// listing them, changing one's alt text, order or main flag, and deleting it with its file and sizes.
import { randomUUID } from 'node:crypto';
import { deleteMineralImage, listMineralImages, putPendingImage, updateMineralImage } from '../db/mineralImages';
import { getMineral } from '../db/minerals';
import { ConflictError, NotFoundError } from '../errors';
import { MAX_PHOTO_BYTES, photoUploadKey, type PhotoContentType } from '../domain/photos';
import { deleteObjects, presignUpload } from '../photos/storage';

export async function createImageUpload(mineralId: string, request: { contentType: PhotoContentType; alt: string }, now: Date = new Date()) {
  const imageId = randomUUID();
  await putPendingImage({ mineralId, imageId, alt: request.alt, createdAt: now.toISOString() });
  const upload = await presignUpload(photoUploadKey(mineralId, imageId), request.contentType, now);
  return { imageId, status: 'pending' as const, maxBytes: MAX_PHOTO_BYTES, upload };
}

/** Every photo of a mineral in any state (pending, ready, refused with why), in their order. */
export async function listImages(mineralId: string) {
  if (!(await getMineral(mineralId))) throw new NotFoundError(`No mineral with id ${mineralId}.`);
  const images = await listMineralImages(mineralId);
  return { items: [...images].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt)) };
}

async function findImage(mineralId: string, imageId: string) {
  const images = await listMineralImages(mineralId);
  const image = images.find((i) => i.imageId === imageId);
  if (!image) throw new NotFoundError(`No image ${imageId} of mineral ${mineralId}.`);
  return { image, images };
}

/** Alt text, position, and which photo is the main one; only a ready photo can change. */
export async function updateImage(mineralId: string, imageId: string, change: { alt?: string | undefined; position?: number | undefined; main?: true | undefined }) {
  const { image, images } = await findImage(mineralId, imageId);
  if (image.status !== 'ready') throw new ConflictError(`The image is ${image.status}: only a ready photo can be changed.`, 'image_not_ready', { details: { status: image.status } });
  return updateMineralImage(image, images.find((i) => i.main && i.imageId !== imageId), change);
}

/** Removes a photo, its file and every size of it; the next photo becomes main if it was. */
export async function deleteImage(mineralId: string, imageId: string): Promise<void> {
  const { image, images } = await findImage(mineralId, imageId);
  await deleteMineralImage(image, images.find((i) => i.status === 'ready' && i.imageId !== imageId));
  await deleteObjects([photoUploadKey(mineralId, imageId), ...Object.values(image.sizes).map((path) => path.slice(1))]);
}
