// The admin console's contract for review moderation: the queue of every review, latest first, and
// hiding or restoring one with a reason.
import * as z from 'zod';
import { cursorParam, freeText, idSchema, limitParam } from './common';

export const REVIEW_QUEUE_STATUSES = ['all', 'visible', 'hidden'] as const;

export const reviewQueueQuery = z.strictObject({
  status: z
    .enum(REVIEW_QUEUE_STATUSES, { error: `status must be one of: ${REVIEW_QUEUE_STATUSES.join(', ')}` })
    .optional()
    .transform((v) => v ?? 'all'),
  cursor: cursorParam,
  limit: limitParam({ default: 25, max: 100 }),
});
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuery>;

export const moderationParams = z.strictObject({ reviewId: z.uuid({ error: 'reviewId must be a review’s id' }) });

export const moderationBody = z.strictObject({
  mineralId: idSchema.describe('The mineral the review is of'),
  action: z.enum(['hide', 'restore'], { error: 'action must be hide or restore' }),
  reason: freeText('reason', { max: 500 }).describe('Why: kept with the review and in the audit trail'),
});
export type ModerationBody = z.infer<typeof moderationBody>;

// — responses —

export const adminReviewSchema = z.object({
  reviewId: z.string(),
  mineralId: z.string(),
  mineralName: z.string(),
  userId: z.string().describe('The author’s account (the customer’s page)'),
  author: z.string(),
  rating: z.number().int(),
  title: z.string().nullable(),
  text: z.string(),
  verifiedPurchase: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  hidden: z.object({ reason: z.string(), at: z.string(), by: z.string() }).nullable(),
});

export const reviewQueuePageSchema = z.object({ items: z.array(adminReviewSchema), nextCursor: z.string().nullable() });
