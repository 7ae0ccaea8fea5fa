// The reviews' HTTP contract: posting (or editing) one's review of a mineral, and listing a mineral's reviews.
import * as z from 'zod';
import type { ReviewSort } from '../../db/reviews';
import { freeText, idSchema } from './common';

export const REVIEW_SORTS = ['newest', 'highest'] as const satisfies readonly ReviewSort[];
export const REVIEW_LIMITS = { titleChars: 120, textChars: 2000, pageDefault: 10, pageMax: 50 } as const;

export const reviewParams = z.strictObject({ id: idSchema });

const ratingMessage = 'rating must be a whole number from 1 to 5';

export const postReviewBody = z.strictObject({
  rating: z.number({ error: ratingMessage }).int(ratingMessage).min(1, ratingMessage).max(5, ratingMessage),
  title: freeText('title', { max: REVIEW_LIMITS.titleChars, min: 0 }).optional(),
  text: freeText('text', { max: REVIEW_LIMITS.textChars, multiline: true }),
});

export type PostReviewBody = z.infer<typeof postReviewBody>;

export const listReviewsQuery = z.strictObject({
  sort: z
    .enum(REVIEW_SORTS, { error: `sort must be one of: ${REVIEW_SORTS.join(', ')}` })
    .optional()
    .transform((v): ReviewSort => v ?? 'newest'),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${REVIEW_LIMITS.pageMax}`)
    .transform(Number)
    .pipe(z.number().min(1, 'limit must be at least 1').max(REVIEW_LIMITS.pageMax, `limit must be at most ${REVIEW_LIMITS.pageMax}`))
    .optional()
    .transform((v) => v ?? REVIEW_LIMITS.pageDefault),
  cursor: z.string().min(1).max(2048, 'cursor is too long').optional(),
});

export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;

export const reviewSchema = z.object({
  reviewId: z.string(),
  author: z.string().describe('The author’s display name, or their username when they have none.'),
  rating: z.number().int(),
  title: z.string().nullable(),
  text: z.string(),
  verifiedPurchase: z.boolean().describe('Whether the author had a paid order containing this mineral when they last posted the review.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ratingSummarySchema = z.object({
  average: z.number().nullable().describe('Average rating to one decimal; null when nobody has rated the mineral.'),
  count: z.number().int(),
  histogram: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});

export const reviewPageSchema = z.object({
  items: z.array(reviewSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page.'),
  summary: ratingSummarySchema,
});

/** The author's own review: as anyone sees it, and whether the shop hid it and why. */
export const ownReviewSchema = reviewSchema.extend({
  hidden: z.object({ reason: z.string(), at: z.string() }).nullable().describe('Set while the shop has it hidden: not on the product page, not in the ratings'),
});

export const postedReviewSchema = z.object({ review: ownReviewSchema, summary: ratingSummarySchema });

export const myReviewSchema = z.object({ review: ownReviewSchema.nullable().describe('null when you have not reviewed this mineral') });
