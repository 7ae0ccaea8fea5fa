// Reviews: one item per shopper per mineral (pk MINERAL#<mineralId>, sk REVIEW#<userId>), so a shopper
// can only ever write their own review. Two sparse indexes list one mineral's reviews newest first or
// highest first; a review an admin hid has no keys in them and no part in the rating counters. Every
// review, hidden or not, is in the moderation queue (adminLists, gsi18pk = REVIEWS, latest post or
// edit first). A review is always written in the same transaction as the mineral's rating counters.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { decodeCursor, encodeCursor, fingerprint, invalidCursorError, queryFromCursor } from './cursor';
import { ratingChange, type RatingSnapshot, type RatingTotals } from './minerals';
import { queryPage } from './query';
import { INDEXES } from './table';
import type { TransactItem } from './orders';

export interface Review {
  /** Public id of the review; kept when the author edits it. */
  reviewId: string;
  mineralId: string;
  /** The author's user id: never shown to other shoppers. */
  userId: string;
  /** The author's display name (or username) when they last posted; never their email. */
  author: string;
  rating: number;
  title: string | null;
  text: string;
  /** Whether the author had a paid order containing the mineral when they last posted it. */
  verifiedPurchase: boolean;
  createdAt: string;
  updatedAt: string;
  /** Set while an admin has it hidden: off the product page, out of the ratings. */
  hidden: ReviewHiding | null;
}

export interface ReviewHiding {
  reason: string;
  at: string;
  /** The admin's Cognito subject. */
  by: string;
}

/** Orders a mineral's reviews can be listed in. */
export type ReviewSort = 'newest' | 'highest';

const SORT_INDEX = { newest: 'reviewsByNewest', highest: 'reviewsByRating' } as const satisfies Record<ReviewSort, keyof typeof INDEXES>;

const REVIEW_SK_PREFIX = 'REVIEW#';

export const reviewKey = (mineralId: string, userId: string) => ({ pk: `MINERAL#${mineralId}`, sk: `${REVIEW_SK_PREFIX}${userId}` });
const reviewsPartition = (mineralId: string) => `REVIEWS#${mineralId}`;

export const REVIEWS_QUEUE_PARTITION = 'REVIEWS';

/** The keys that list a review on its product page: none while it is hidden. */
function publicIndexKeys(r: Review): Record<string, string> {
  if (r.hidden) return {};
  const { reviewsByNewest, reviewsByRating } = INDEXES;
  const partition = reviewsPartition(r.mineralId);
  return {
    [reviewsByNewest.pk]: partition,
    [reviewsByNewest.sk]: `${r.createdAt}#${r.userId}`,
    [reviewsByRating.pk]: partition,
    [reviewsByRating.sk]: `${r.rating}#${r.createdAt}#${r.userId}`,
  };
}

const PUBLIC_INDEX_ATTRIBUTES = [INDEXES.reviewsByNewest.pk, INDEXES.reviewsByNewest.sk, INDEXES.reviewsByRating.pk, INDEXES.reviewsByRating.sk];

function reviewItem(r: Review) {
  return {
    ...reviewKey(r.mineralId, r.userId),
    entity: 'review',
    ...r,
    ...publicIndexKeys(r),
    [INDEXES.adminLists.pk]: REVIEWS_QUEUE_PARTITION,
    [INDEXES.adminLists.sk]: `${r.updatedAt}#${r.mineralId}#${r.userId}`,
  };
}

function toReview(item: Record<string, unknown>): Review {
  return {
    reviewId: String(item.reviewId),
    mineralId: String(item.mineralId),
    userId: String(item.userId),
    author: String(item.author),
    rating: Number(item.rating),
    title: typeof item.title === 'string' ? item.title : null,
    text: String(item.text),
    // Reviews written before purchases were recorded have no flag: not verified.
    verifiedPurchase: item.verifiedPurchase === true,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    hidden: toHiding(item.hidden),
  };
}

function toHiding(value: unknown): ReviewHiding | null {
  if (!value || typeof value !== 'object') return null;
  const h = value as Record<string, unknown>;
  return { reason: String(h.reason ?? ''), at: String(h.at ?? ''), by: String(h.by ?? '') };
}

/** Someone else changed the review or the mineral's counters since they were read: read again and retry. */
export class StaleRatingError extends Error {
  override name = 'StaleRatingError';
}

/** One shopper's review of one mineral (strongly consistent: it is read before an edit). */
export async function getReview(mineralId: string, userId: string): Promise<Review | undefined> {
  const res = await dynamo.send(new GetCommand({ TableName: tableName, Key: reviewKey(mineralId, userId), ConsistentRead: true }));
  return res.Item ? toReview(res.Item) : undefined;
}

/**
 * Writes a review (new, or replacing `previous`) and moves the mineral's rating counters from
 * `read` to `next`, in one transaction conditional on both being as they were read.
 */
export async function saveReview(review: Review, previous: Review | undefined, read: RatingSnapshot, next: RatingTotals): Promise<void> {
  const reviewCondition = previous
    ? { ConditionExpression: 'rating = :oldRating AND updatedAt = :oldUpdatedAt', ExpressionAttributeValues: { ':oldRating': previous.rating, ':oldUpdatedAt': previous.updatedAt } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  await sendRatingTransaction([{ Put: { TableName: tableName, Item: reviewItem(review), ...reviewCondition } }, ratingChange(read, next)]);
}

/**
 * Sends a transaction that moves a mineral's rating counters (with a review's write, an audit record…);
 * a condition that failed or a conflicting transaction is a StaleRatingError: read again and retry.
 */
export async function sendRatingTransaction(items: TransactItem[]): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ConditionalCheckFailed')) {
        throw new StaleRatingError('review or rating counters changed since read', { cause: error });
      }
    }
    throw error;
  }
}

export interface ReviewPage {
  items: Review[];
  nextCursor: string | null;
}

/** One page of a mineral's reviews, newest or highest rated first, from its index (never a Scan). */
export async function queryReviews(q: { mineralId: string; sort: ReviewSort; limit: number; cursor?: string | undefined }): Promise<ReviewPage> {
  const indexName = SORT_INDEX[q.sort];
  const index = INDEXES[indexName];
  const partition = reviewsPartition(q.mineralId);
  const fp = fingerprint({ reviews: q.mineralId, sort: q.sort });
  let startKey: Record<string, string> | undefined;
  if (q.cursor) {
    startKey = decodeCursor(q.cursor, { index: indexName, fingerprint: fp });
    checkStartKey(startKey, index, q.mineralId);
  }
  const res = await queryFromCursor(startKey, () => dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexName,
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': index.pk },
      ExpressionAttributeValues: { ':p': partition },
      ScanIndexForward: false,
      // One more than the page tells whether another page exists, so the last page has no cursor.
      Limit: q.limit + 1,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  ));
  const found = res.Items ?? [];
  const page = found.slice(0, q.limit);
  const last = page.at(-1);
  // A Query cut short by DynamoDB's 1 MB limit also leaves more to read: continue after the last item.
  const more = found.length > q.limit || res.LastEvaluatedKey !== undefined;
  const nextKey = more && last ? keyOf(last, index) : undefined;
  return { items: page.map(toReview), nextCursor: nextKey ? encodeCursor({ v: 1, i: indexName, f: fp, k: nextKey }) : null };
}

function keyOf(item: Record<string, unknown>, index: { pk: string; sk: string }): Record<string, string> {
  return { pk: String(item.pk), sk: String(item.sk), [index.pk]: String(item[index.pk]), [index.sk]: String(item[index.sk]) };
}

/** A decoded cursor must be the key of a review of this very mineral in this very index. */
function checkStartKey(key: Record<string, string>, index: { pk: string; sk: string }, mineralId: string): void {
  const names = Object.keys(key).sort();
  const expected = ['pk', 'sk', index.pk, index.sk].sort();
  const userId = /^REVIEW#([A-Za-z0-9-]{1,64})$/.exec(key.sk ?? '')?.[1];
  const wellFormed =
    names.length === expected.length &&
    names.every((n, i) => n === expected[i]) &&
    userId !== undefined &&
    key.pk === `MINERAL#${mineralId}` &&
    key[index.pk] === reviewsPartition(mineralId) &&
    (key[index.sk] ?? '').endsWith(`#${userId}`);
  if (!wellFormed) throw invalidCursorError();
}

/** The review whose public id this is, among one mineral's reviews (its own partition); undefined when none is. */
export async function findReview(mineralId: string, reviewId: string): Promise<Review | undefined> {
  const res = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :review)',
      FilterExpression: 'reviewId = :id',
      ExpressionAttributeValues: { ':p': `MINERAL#${mineralId}`, ':review': REVIEW_SK_PREFIX, ':id': reviewId },
      ConsistentRead: true,
    }),
  );
  const item = (res.Items ?? [])[0];
  return item ? toReview(item) : undefined;
}

/**
 * The TransactWriteItems entry that hides (with `hiding`) or restores (null) a review: off or back on
 * its product page. Conditional on the review being as read (its last post and its hidden state), so
 * a shopper's edit or another admin's moderation meanwhile is a retry, never a lost write.
 */
export function reviewModeration(read: Review, hiding: ReviewHiding | null) {
  const after: Review = { ...read, hidden: hiding };
  const keys = publicIndexKeys(after);
  const names: Record<string, string> = { '#hidden': 'hidden' };
  const values: Record<string, unknown> = { ':seen': read.updatedAt, ':hiding': hiding };
  const sets = ['#hidden = :hiding'];
  Object.entries(keys).forEach(([name, value], i) => {
    names[`#k${i}`] = name;
    values[`:k${i}`] = value;
    sets.push(`#k${i} = :k${i}`);
  });
  const removes = hiding ? PUBLIC_INDEX_ATTRIBUTES.map((name, i) => ((names[`#r${i}`] = name), `#r${i}`)) : [];
  return {
    Update: {
      TableName: tableName,
      Key: reviewKey(read.mineralId, read.userId),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: `updatedAt = :seen AND ${read.hidden ? 'attribute_type(#hidden, :map)' : '(attribute_not_exists(#hidden) OR attribute_type(#hidden, :null))'}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ...(read.hidden ? { ':map': 'M' } : { ':null': 'NULL' }) },
    },
  };
}

/** One page of the moderation queue: every review, latest post or edit first; `hidden` narrows it. */
export async function queryReviewQueue(q: { hidden?: boolean | undefined; limit: number; cursor?: string | undefined }): Promise<ReviewPage> {
  const { pk, sk } = INDEXES.adminLists;
  const filter =
    q.hidden === undefined
      ? {}
      : q.hidden
        ? { FilterExpression: 'attribute_type(#hidden, :map)', ExpressionAttributeValues: { ':map': 'M' } }
        : { FilterExpression: 'attribute_not_exists(#hidden) OR attribute_type(#hidden, :null)', ExpressionAttributeValues: { ':null': 'NULL' } };
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      ...filter,
      ExpressionAttributeNames: { '#p': pk, ...(q.hidden === undefined ? {} : { '#hidden': 'hidden' }) },
      ExpressionAttributeValues: { ':p': REVIEWS_QUEUE_PARTITION, ...(filter.ExpressionAttributeValues ?? {}) },
      ScanIndexForward: false,
    },
    { index: { pk, sk }, fingerprint: fingerprint({ list: REVIEWS_QUEUE_PARTITION, hidden: q.hidden ?? null }), limit: q.limit, cursor: q.cursor },
  );
  return { items: page.items.map(toReview), nextCursor: page.nextCursor };
}

/** Most reviews the customer page reads through to find one shopper's (the queue holds everyone's). */
export const CUSTOMER_REVIEWS_READ_BUDGET = 1000;

/** One shopper's reviews among the latest in the moderation queue (a filtered Query with a read budget). */
export async function queryReviewsBy(userId: string, limit: number): Promise<Review[]> {
  const { pk, sk } = INDEXES.adminLists;
  const page = await queryPage(
    {
      TableName: tableName,
      IndexName: 'adminLists',
      KeyConditionExpression: '#p = :p',
      FilterExpression: 'userId = :u',
      ExpressionAttributeNames: { '#p': pk },
      ExpressionAttributeValues: { ':p': REVIEWS_QUEUE_PARTITION, ':u': userId },
      ScanIndexForward: false,
    },
    { index: { pk, sk }, fingerprint: fingerprint({ reviewsBy: userId }), limit, readBudget: CUSTOMER_REVIEWS_READ_BUDGET },
  );
  return page.items.map(toReview);
}
