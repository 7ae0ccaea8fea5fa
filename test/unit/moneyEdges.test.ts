// The edges of the money rules that the pricing tests do not reach: error messages, negative
// divisors, the largest-remainder tie-break, and the percentage formats.
import { describe, expect, it } from 'vitest';
import { allocateProportionally, assertCents, assertWhole, divideRounded, formatBasisPoints, formatPpm, formatUsd } from '../../shared/domain/money';

describe('checks on amounts', () => {
  it('names the amount and the value it refused', () => {
    expect(() => assertCents(-1, 'a refund')).toThrow('a refund must be a whole, non-negative number of cents, got -1');
    expect(() => assertCents(1.5, 'a price')).toThrow('a price must be a whole, non-negative number of cents, got 1.5');
    expect(() => assertCents(0, 'a price')).not.toThrow();
    expect(() => assertWhole(11, 'quantity', 1, 10)).toThrow('quantity must be a whole number from 1 to 10, got 11');
    expect(() => assertWhole(0, 'quantity', 1, 10)).toThrow('quantity must be a whole number from 1 to 10, got 0');
    expect(() => assertWhole(2.5, 'quantity', 1, 10)).toThrow(RangeError);
    expect(() => assertWhole(10, 'quantity', 1, 10)).not.toThrow();
    expect(() => assertWhole(1, 'quantity', 1, 10)).not.toThrow();
  });
});

describe('rounding a division half away from zero', () => {
  it('rounds halves away from zero whatever the signs, and others to the nearest', () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(divideRounded(5, -2)).toBe(-3);
    expect(divideRounded(-5, -2)).toBe(3);
    expect(divideRounded(7, -4)).toBe(-2);
    expect(divideRounded(-7, 4)).toBe(-2);
    expect(divideRounded(5, -4)).toBe(-1);
    expect(divideRounded(4, -2)).toBe(-2);
    expect(divideRounded(-1, 3)).toBe(0);
    expect(divideRounded(0, -3)).toBe(0);
  });

  it('refuses to divide by zero', () => {
    expect(() => divideRounded(1, 0)).toThrow('division by zero');
  });
});

describe('sharing an amount in proportion', () => {
  it('gives the odd cents to the largest remainders, and on a tie to the earlier weight', () => {
    // 10 over 1:1:1 → 3.33 each; the one cent left goes to the first.
    expect(allocateProportionally(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 11 over 1:1:1 → two cents left, first and second.
    expect(allocateProportionally(11, [1, 1, 1])).toEqual([4, 4, 3]);
    // Remainders 0.2, 0.8 (times the sum): the larger remainder wins, wherever it is.
    expect(allocateProportionally(5, [1, 4])).toEqual([1, 4]);
    expect(allocateProportionally(3, [1, 4])).toEqual([1, 2]);
    expect(allocateProportionally(3, [4, 1])).toEqual([2, 1]);
    expect(allocateProportionally(7, [3, 1, 3])).toEqual([3, 1, 3]);
  });

  it('shares nothing over zero weights, and refuses to share something over them', () => {
    expect(allocateProportionally(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateProportionally(1, [0, 0])).toThrow('cannot allocate a non-zero amount over zero weights');
  });
});

describe('money as a person reads it', () => {
  it('formats dollars with thousands separators, cents always two digits, and a sign', () => {
    expect(formatUsd(123_456)).toBe('$1,234.56');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(-100_000_000)).toBe('-$1,000,000.00');
  });

  it('formats percentages with trailing zeros dropped', () => {
    expect(formatBasisPoints(1_250)).toBe('12.5%');
    expect(formatBasisPoints(1_000)).toBe('10%');
    expect(formatPpm(88_750)).toBe('8.875%');
    expect(formatPpm(190_000)).toBe('19%');
    expect(formatPpm(12_345)).toBe('1.2345%');
  });
});
