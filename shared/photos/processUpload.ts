// What happens to a file an admin uploaded: it is read back and checked for what it really is
// (sharp reads its header: a real JPEG, PNG or WebP, sent as what it is, within the cap). A refused
// file is deleted and the image marked refused with why; a photo is made into the site's sizes
// (webp), recorded on the mineral, and its original deleted (the full size is what is kept).
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { markImageReady, markImageRefused } from '../db/mineralImages';
import { MAX_PHOTO_BYTES, PHOTO_SIZES, parseUploadKey, photoRefusal, photoSizeKey, type PhotoSize } from '../domain/photos';
import { deleteObjects, readObject, writeObject } from './storage';

export type UploadOutcome = 'ready' | 'refused' | 'ignored';

/** Handles one created object; replays are harmless (the image must still be pending). */
export async function processUpload(key: string): Promise<UploadOutcome> {
  const ids = parseUploadKey(key);
  if (!ids) return 'ignored';
  const object = await readObject(key, MAX_PHOTO_BYTES);
  if (!object) return 'ignored';

  const metadata = object.body ? await sharp(object.body).metadata().catch(() => undefined) : undefined;
  const refusal = photoRefusal({ bytes: object.bytes, declaredType: object.contentType, detectedFormat: metadata?.format });
  if (refusal || !object.body || !metadata?.width || !metadata.height) {
    await deleteObjects([key]);
    await markImageRefused(ids.mineralId, ids.imageId, refusal ?? 'The image has no size that can be read.');
    return 'refused';
  }

  // A scratch name per run, so two deliveries of the same event never write over each other's sizes.
  const run = randomUUID().slice(0, 8);
  const sizes: Partial<Record<PhotoSize, string>> = {};
  const written: string[] = [];
  for (const [size, width] of Object.entries(PHOTO_SIZES) as [PhotoSize, number][]) {
    const webp = await sharp(object.body).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
    const sizeKey = photoSizeKey(ids.mineralId, `${ids.imageId}-${run}`, size);
    await writeObject(sizeKey, webp, 'image/webp');
    written.push(sizeKey);
    sizes[size] = `/${sizeKey}`;
  }
  const marked = await markImageReady({ ...ids, sizes, width: metadata.width, height: metadata.height });
  // Not pending any more (another delivery won, or the image was deleted): this run's sizes go.
  await deleteObjects(marked ? [key] : [key, ...written]);
  return marked ? 'ready' : 'ignored';
}
