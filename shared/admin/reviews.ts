// Review moderation. Hiding takes a review off its product page and its rating out of the mineral's
// counters (and so out of the catalog's rating sort) in the same transaction, with its audit record;
// restoring puts both back. Concurrent reviews of the same mineral make the transaction fail its
// counters' condition: it is read again and retried, so the counters stay exact.
import type { AdminCaller } from '../auth/adminAccess';
import { applyRating, toReviewView, withoutRating } from '../catalog/reviews';
import { actorOf, auditPut } from '../db/audit';
import { retryRaces } from '../db/conflicts';
import { getMinerals, getRatingSnapshot, ratingChange } from '../db/minerals';
import { findReview, queryReviewQueue, reviewModeration, sendRatingTransaction, StaleRatingError, type Review } from '../db/reviews';
import { ConflictError, NotFoundError } from '../errors';
import type { ModerationBody, ReviewQueueQuery } from '../http/schemas/adminReviews';

/** A review as the moderation queue shows it: what anyone sees, plus its mineral, its author's account and whether it is hidden. */
function toAdminReview(r: Review, mineralName: string) {
  return { ...toReviewView(r), mineralId: r.mineralId, mineralName, userId: r.userId, hidden: r.hidden };
}

/** One page of the moderation queue, latest post or edit first, with each mineral's name. */
export async function listReviewQueue(q: ReviewQueueQuery) {
  const page = await queryReviewQueue({ hidden: q.status === 'all' ? undefined : q.status === 'hidden', limit: q.limit, cursor: q.cursor });
  const minerals = await getMinerals([...new Set(page.items.map((r) => r.mineralId))]);
  return { items: page.items.map((r) => toAdminReview(r, minerals.get(r.mineralId)?.name ?? r.mineralId)), nextCursor: page.nextCursor };
}

/** Hides or restores a review with a reason. Asking for the state it is in already changes nothing. */
export async function moderateReview(reviewId: string, body: ModerationBody, caller: AdminCaller) {
  const by = actorOf(caller);
  const review = await retryRaces(
    async () => {
      const [read, ratings] = await Promise.all([findReview(body.mineralId, reviewId), getRatingSnapshot(body.mineralId, { consistent: true, anyStatus: true })]);
      if (!read || !ratings) throw new NotFoundError(`No review ${reviewId} of mineral ${body.mineralId}.`);
      const hide = body.action === 'hide';
      if (hide === (read.hidden !== null)) return read;
      const at = new Date().toISOString();
      const hiding = hide ? { reason: body.reason, at, by: by.sub } : null;
      const next = hide ? withoutRating(ratings, read.rating) : applyRating(ratings, undefined, read.rating);
      const after: Review = { ...read, hidden: hiding };
      await sendRatingTransaction([
        reviewModeration(read, hiding),
        ratingChange(ratings, next),
        auditPut({
          objectType: 'review', objectId: reviewId, action: hide ? 'review.hide' : 'review.restore', by, at,
          before: { mineralId: read.mineralId, rating: read.rating, hidden: read.hidden },
          after: { mineralId: read.mineralId, rating: read.rating, hidden: hiding, reason: body.reason },
        }),
      ]);
      return after;
    },
    {
      lost: (error) => error instanceof StaleRatingError,
      exhausted: (cause) => new ConflictError('The review or its mineral’s ratings keep changing; try again.', 'review_busy', { cause }),
    },
  );
  const minerals = await getMinerals([review.mineralId]);
  return toAdminReview(review, minerals.get(review.mineralId)?.name ?? review.mineralId);
}
