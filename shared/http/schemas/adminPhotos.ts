// Request and response shapes of the admin's photo routes.
import * as z from 'zod';
import { MAX_PHOTO_BYTES, PHOTO_CONTENT_TYPES } from '../../domain/photos';
import { idSchema } from './common';

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

export const mineralImageParams = z.strictObject({ id: idSchema, imageId: z.uuid() });

export const updateImageBody = z
  .strictObject({
    alt: z.string().trim().max(300).optional(),
    /** Photos are shown by ascending position. */
    position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    /** Makes this photo the main one (the card's); the previous main one stops being main. */
    main: z.literal(true).optional(),
  })
  .refine((b) => b.alt !== undefined || b.position !== undefined || b.main !== undefined, { message: 'Nothing to change: give alt, position or main.' });

export const mineralImageSchema = z.object({
  mineralId: z.string(),
  imageId: z.string(),
  status: z.enum(['pending', 'ready', 'refused']),
  alt: z.string(),
  position: z.number(),
  main: z.boolean(),
  sizes: z.record(z.string(), z.string()),
  width: z.number().nullable(),
  height: z.number().nullable(),
  refusal: z.string().nullable(),
  createdAt: z.string(),
});

export const mineralImageListSchema = z.object({ items: z.array(mineralImageSchema) });
