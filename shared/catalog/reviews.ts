// Reviews: a signed-in shopper rates and reviews a mineral (one review each; posting again edits it),
// and anyone reads a mineral's reviews with a summary of its ratings. The mineral's rating counters,
// histogram and rating-sort keys change in the same transaction as the review, optimistically.
import { randomUUID } from 'node:crypto';
import type { Shopper } from '../auth/shopperTokens';
import { averageRating } from '../domain/catalog';
import { getRatingSnapshot, type RatingHistogram, type RatingTotals } from '../db/minerals';
import { hasPurchased } from '../db/purchases';
import { getReview, queryReviews, saveReview, StaleRatingError, type Review } from '../db/reviews';
import { retryRaces } from '../db/conflicts';
import { getUser } from '../db/users';
import { ConflictError, NotFoundError, UnauthorizedError } from '../errors';
import type { ListReviewsQuery, PostReviewBody } from '../http/schemas/reviews';

const star = (rating: number) => String(rating) as keyof RatingHistogram;

/** A mineral's rating counters after one shopper's rating goes from `previous` (none: a first review) to `rating`. */
export function applyRating(totals: RatingTotals, previous: number | undefined, rating: number): RatingTotals {
  const histogram = { ...totals.histogram };
  if (previous !== undefined) histogram[star(previous)] = Math.max(0, histogram[star(previous)] - 1);
  histogram[star(rating)] += 1;
  return {
    ratingCount: totals.ratingCount + (previous === undefined ? 1 : 0),
    ratingSum: totals.ratingSum - (previous ?? 0) + rating,
    histogram,
  };
}

export function ratingSummary(totals: RatingTotals) {
  return { average: averageRating(totals), count: totals.ratingCount, histogram: { ...totals.histogram } };
}

/** A mineral's rating counters without one rating (a review hidden by an admin). */
export function withoutRating(totals: RatingTotals, rating: number): RatingTotals {
  const histogram = { ...totals.histogram };
  histogram[star(rating)] = Math.max(0, histogram[star(rating)] - 1);
  return { ratingCount: Math.max(0, totals.ratingCount - 1), ratingSum: Math.max(0, totals.ratingSum - rating), histogram };
}

/** What anyone may see of a review: never the author's user id or email. */
export function toReviewView(r: Review) {
  return {
    reviewId: r.reviewId,
    author: r.author,
    rating: r.rating,
    title: r.title,
    text: r.text,
    verifiedPurchase: r.verifiedPurchase,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The author's own view of their review: what anyone sees, and whether the shop hid it and why (never which admin). */
export function toOwnReviewView(r: Review) {
  return { ...toReviewView(r), hidden: r.hidden ? { reason: r.hidden.reason, at: r.hidden.at } : null };
}

/** The signed-in shopper's review of a mineral, hidden or not; null when they wrote none. */
export async function getOwnReview(shopper: Shopper, mineralId: string) {
  const review = await getReview(mineralId, shopper.userId);
  return { review: review ? toOwnReviewView(review) : null };
}

/** Posts the shopper's review of a mineral, or replaces it if they reviewed it before (`created` says which). */
export async function postReview(shopper: Shopper, mineralId: string, input: PostReviewBody, now = () => new Date()) {
  const [user, verifiedPurchase] = await Promise.all([getUser(shopper.userId), hasPurchased(shopper.userId, mineralId)]);
  if (!user || user.disabled) throw new UnauthorizedError('Sign in again to post a review.');
  // Shown publicly, so never the email address.
  const author = user.name.trim() || user.username;

  // Another review of the mineral landed between reading its counters and writing: read again.
  return retryRaces(async () => {
    const [read, previous] = await Promise.all([getRatingSnapshot(mineralId, { consistent: true }), getReview(mineralId, shopper.userId)]);
    if (!read) throw new NotFoundError(`No mineral with id ${mineralId}.`);
    const at = now().toISOString();
    const review: Review = {
      reviewId: previous?.reviewId ?? randomUUID(),
      mineralId,
      userId: shopper.userId,
      author,
      rating: input.rating,
      title: input.title || null,
      text: input.text,
      verifiedPurchase,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
      // A review the shop hid stays hidden when its author edits it (and stays out of the ratings).
      hidden: previous?.hidden ?? null,
    };
    const next = review.hidden ? read : applyRating(read, previous?.rating, input.rating);
    await saveReview(review, previous, read, next);
    return { created: previous === undefined, review: toOwnReviewView(review), summary: ratingSummary(next) };
  }, {
    lost: (error) => error instanceof StaleRatingError,
    exhausted: (cause) => new ConflictError('Many reviews of this mineral are arriving at once; please try again.', 'review_busy', { cause }),
  });
}

/** One page of a mineral's reviews, with the summary of all its ratings. */
export async function listReviews(mineralId: string, query: ListReviewsQuery) {
  const [read, page] = await Promise.allSettled([
    getRatingSnapshot(mineralId, { consistent: false }),
    queryReviews({ mineralId, sort: query.sort, limit: query.limit, cursor: query.cursor }),
  ]);
  if (read.status === 'rejected') throw read.reason;
  // An unknown mineral is a 404 even when the cursor is bad too.
  if (!read.value) throw new NotFoundError(`No mineral with id ${mineralId}.`);
  if (page.status === 'rejected') throw page.reason;
  return { items: page.value.items.map(toReviewView), nextCursor: page.value.nextCursor, summary: ratingSummary(read.value) };
}
