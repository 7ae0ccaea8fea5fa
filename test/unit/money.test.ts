// Integer-cents arithmetic: the one rounding rule, proportional allocation, and display.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateProportionally, divideRounded, formatPpm, formatUsd, percentOf, rateOf } from '../../shared/domain/money';

describe('divideRounded (half away from zero)', () => {
  it.each([
    ['an exact quotient is unchanged', 10, 5, 2],
    ['below the half rounds down', 14, 10, 1],
    ['a positive half rounds up, away from zero', 15, 10, 2],
    ['above the half rounds up', 16, 10, 2],
    ['a negative half rounds down, away from zero (a refund mirrors its sale)', -15, 10, -2],
    ['a negative below the half rounds toward zero', -14, 10, -1],
    ['a half with an odd divisor cannot occur; 2.5 of 7 parts rounds up', 5, 2, 3],
    ['zero stays zero', 0, 7, 0],
  ])('%s: %i ÷ %i = %i', (_rule, n, d, expected) => {
    expect(divideRounded(n, d)).toBe(expected);
  });

  it('is exact beyond float precision (BigInt products)', () => {
    // The numerator is above 2^53: as a float its odd last digit, and so the half, would be lost.
    expect(divideRounded(9_007_199_254_740_993n * 5n, 10n)).toBe(Number(4_503_599_627_370_497n));
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRounded(1, 0)).toThrow(RangeError);
  });
});

describe('percentOf and rateOf', () => {
  it.each([
    ['10 % of $10.05 is 100.5 cents, rounded to 101', 1_005, 1_000, 101],
    ['100 % is the whole amount', 4_321, 10_000, 4_321],
    ['1 % of 40 cents rounds to nothing', 40, 100, 0],
  ])('percentOf: %s', (_rule, cents, bp, expected) => {
    expect(percentOf(cents, bp)).toBe(expected);
  });

  it.each([
    ['8.875 % of $9.99 (3 × 333) is 88.66 cents → 89', 999, 88_750, 89],
    ['8.875 % of $4.00 is exactly 35.5 cents → 36', 400, 88_750, 36],
    ['14.975 % of $39.95 is 598.25 cents → 598', 3_995, 149_750, 598],
  ])('rateOf: %s', (_rule, cents, ppm, expected) => {
    expect(rateOf(cents, ppm)).toBe(expected);
  });
});

describe('allocateProportionally', () => {
  it.each([
    ['equal weights share the leftover cents with the earliest lines', 32, [105, 105, 105], [11, 11, 10]],
    ['proportional shares when they divide evenly', 30, [100, 200], [10, 20]],
    ['the whole amount over one weight', 7, [13], [7]],
    ['nothing to allocate', 0, [5, 0, 9], [0, 0, 0]],
    ['zero weights with nothing to allocate', 0, [0, 0], [0, 0]],
  ])('%s', (_rule, total, weights, expected) => {
    expect(allocateProportionally(total, weights)).toEqual(expected);
  });

  it('always adds up exactly, and no share exceeds its weight when the total fits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (weights, fraction) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const total = Math.floor(sum * fraction);
        const shares = allocateProportionally(total, weights);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        shares.forEach((s, i) => {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(weights[i] ?? 0);
        });
      }),
    );
  });
});

describe('display', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [123_456, '$1,234.56'],
    [100_000_000, '$1,000,000.00'],
    [-250, '-$2.50'],
  ])('formatUsd(%i) = %s', (cents, text) => {
    expect(formatUsd(cents)).toBe(text);
  });

  it.each([
    [88_750, '8.875%'],
    [200_000, '20%'],
    [99_750, '9.975%'],
  ])('formatPpm(%i) = %s', (ppm, text) => {
    expect(formatPpm(ppm)).toBe(text);
  });
});
