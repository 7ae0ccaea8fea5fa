// The rating arithmetic a review applies to its mineral: first reviews, edits, and the summary.
import { describe, expect, it } from 'vitest';
import { applyRating, ratingSummary } from '../../shared/catalog/reviews';
import type { RatingTotals } from '../../shared/db/minerals';

const none: RatingTotals = { ratingCount: 0, ratingSum: 0, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };

describe('applyRating', () => {
  it('counts a first review once, in the sum and in its star', () => {
    expect(applyRating(none, undefined, 4)).toEqual({ ratingCount: 1, ratingSum: 4, histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
  });

  it('moves an edited rating without counting it twice', () => {
    const one = applyRating(none, undefined, 2);
    expect(applyRating(one, 2, 5)).toEqual({ ratingCount: 1, ratingSum: 5, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
    expect(applyRating(one, 2, 2)).toEqual(one);
  });

  it('keeps any sequence of first reviews and edits consistent with the ratings left standing', () => {
    const ratings = new Map<string, number>();
    let totals = none;
    const steps: [string, number][] = [['a', 5], ['b', 1], ['a', 3], ['c', 4], ['b', 1], ['c', 2], ['d', 5]];
    for (const [who, rating] of steps) {
      totals = applyRating(totals, ratings.get(who), rating);
      ratings.set(who, rating);
    }
    const standing = [...ratings.values()];
    expect(totals.ratingCount).toBe(standing.length);
    expect(totals.ratingSum).toBe(standing.reduce((a, b) => a + b, 0));
    for (const star of [1, 2, 3, 4, 5] as const) expect(totals.histogram[star]).toBe(standing.filter((r) => r === star).length);
  });

  it('does not mutate what it was given', () => {
    const before = structuredClone(none);
    applyRating(none, undefined, 3);
    expect(none).toEqual(before);
  });

  it('never drives a star below zero for a mineral rated before histograms were kept', () => {
    const legacy: RatingTotals = { ratingCount: 3, ratingSum: 12, histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
    expect(applyRating(legacy, 4, 5).histogram).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 });
  });
});

describe('ratingSummary', () => {
  it('has no average before the first rating, and one decimal after', () => {
    expect(ratingSummary(none)).toEqual({ average: null, count: 0, histogram: none.histogram });
    expect(ratingSummary({ ratingCount: 3, ratingSum: 13, histogram: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } }).average).toBe(4.3);
  });
});
