// Request and response shapes of the admin's photo routes.
import * as z from 'zod';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES } from '../../domain/photos';

export const createImageUploadBody = z.strictObject({
  contentType: z.enum(Object.keys(PHOTO_CONTENT_TYPES) as [keyof typeof PHOTO_CONTENT_TYPES]),
  alt: z.string().trim().max(300).default(''),
});

export const imageUploadSchema = z.object({
  imageId: z.string(),
  status: z.literal('pending'),
  maxBytes: z.literal(MAX_PHOTO_BYTES),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string() }),
});
