// What a mineral photo may be, and the sizes the site shows. Pure: the S3 and sharp side is in
// shared/photos/.

/** The formats an admin may upload, as the browser declares them and as sharp reads them. */
export const PHOTO_CONTENT_TYPES = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type PhotoContentType = keyof typeof PHOTO_CONTENT_TYPES;

/** The largest original accepted (the presigned POST refuses more; the worker checks again). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** The sizes made from each original (webp), by the width they are made at. */
export const PHOTO_SIZES = { thumb: 160, card: 480, full: 1600 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

/** Where uploads land, and where the sizes go (the site serves `/media/…` from there). */
export const PHOTO_UPLOAD_PREFIX = 'uploads/';
export const PHOTO_MEDIA_PREFIX = 'media/';
export const photoUploadKey = (mineralId: string, imageId: string) => `${PHOTO_UPLOAD_PREFIX}${mineralId}/${imageId}`;
export const photoSizeKey = (mineralId: string, imageId: string, size: PhotoSize) => `${PHOTO_MEDIA_PREFIX}${mineralId}/${imageId}/${size}.webp`;

/** `uploads/<mineralId>/<imageId>` → its ids, or undefined for any other key. */
export function parseUploadKey(key: string): { mineralId: string; imageId: string } | undefined {
  const m = /^uploads\/([^/]+)\/([^/]+)$/.exec(key);
  return m ? { mineralId: m[1]!, imageId: m[2]! } : undefined;
}

/** Why an uploaded file is refused, in words an admin understands; undefined: it is a photo we take. */
export function photoRefusal(file: { bytes: number; declaredType: string | undefined; detectedFormat: string | undefined }): string | undefined {
  if (file.bytes > MAX_PHOTO_BYTES) return `The file is ${(file.bytes / 1024 / 1024).toFixed(1)} MB; photos may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`;
  if (!file.declaredType || !(file.declaredType in PHOTO_CONTENT_TYPES)) {
    return `The file was sent as ${file.declaredType ?? 'an unknown type'}; photos must be JPEG, PNG or WebP.`;
  }
  if (!file.detectedFormat) return 'The file is not an image that can be read (it may be damaged, or not a photo at all).';
  if (PHOTO_CONTENT_TYPES[file.declaredType as PhotoContentType] !== file.detectedFormat) {
    return `The file claims to be ${file.declaredType} but is ${file.detectedFormat}; photos must be JPEG, PNG or WebP, sent as what they are.`;
  }
  return undefined;
}
