// Money as integer minor units (USD cents) and the one rounding rule every price, discount and tax
// uses. Pure: no SDK, HTTP or database here.
//
// ROUNDING: round half away from zero, exactly, in integer arithmetic (BigInt for the products, so a
// large order times a rate can never lose precision in a float). Why this one and not banker's:
//   - US state sales-tax rules (e.g. California, New York, Texas) and EU/UK VAT guidance round to
//     the nearest cent with a half cent going up; for the non-negative amounts a quote handles,
//     half away from zero is exactly that "half up", and it stays symmetric for negative amounts
//     (a refund is the negation of the sale it undoes).
//   - Banker's rounding only pays off when many roundings are summed; the quote rounds each amount
//     once per order (see pricing.ts), so it would buy nothing and surprise shoppers and auditors.
// A discount is rounded as a discount (a half cent goes to the shopper); a tax is rounded as a tax
// (a half cent goes to the state). Same function, applied to the amount being computed.

/** An amount of money in integer US cents. */
export type Cents = number;
/** A percentage in integer basis points: 10_000 = 100 %, 1_500 = 15 %. Used for discounts. */
export type BasisPoints = number;
/**
 * A rate in integer parts per million: 1_000_000 = 100 %. Tax rates need it: basis points cannot
 * say New York City's 8.875 % (88_750 ppm) or Quebec's 9.975 % QST (99_750 ppm).
 */
export type PartsPerMillion = number;

export const CURRENCY = 'USD' as const;
export type Currency = typeof CURRENCY;

export const BASIS_POINTS_PER_WHOLE = 10_000;
export const PPM_PER_WHOLE = 1_000_000;

/** Throws a RangeError unless `value` is a whole, non-negative, safe number of cents. */
export function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of cents, got ${value}`);
  }
}

/** Throws a RangeError unless `value` is a whole number in [min, max]. */
export function assertWhole(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/**
 * numerator ÷ denominator, rounded to the nearest whole number with halves away from zero. Exact for
 * any safe integers: the only rounding function the pricing engine uses for money.
 */
export function divideRounded(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) throw new RangeError('division by zero');
  const quotient = n / d; // truncates toward zero
  const remainder = n % d; // has the sign of n
  const absRemainder = remainder < 0n ? -remainder : remainder;
  const absDenominator = d < 0n ? -d : d;
  if (absRemainder * 2n < absDenominator) return Number(quotient);
  const awayFromZero = (n < 0n) !== (d < 0n) ? -1n : 1n;
  return Number(quotient + awayFromZero);
}

/** The share `bp` basis points of `cents`, rounded half away from zero. */
export function percentOf(cents: Cents, bp: BasisPoints): Cents {
  return divideRounded(BigInt(cents) * BigInt(bp), BASIS_POINTS_PER_WHOLE);
}

/** The share `ppm` parts per million of `cents`, rounded half away from zero. */
export function rateOf(cents: Cents, ppm: PartsPerMillion): Cents {
  return divideRounded(BigInt(cents) * BigInt(ppm), PPM_PER_WHOLE);
}

/** Sum of amounts in cents (exact: they are integers). */
export function sumCents(amounts: readonly Cents[]): Cents {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}

/**
 * Splits `total` cents over `weights` in proportion, in whole cents that add up to exactly `total`
 * (largest remainder; ties go to the earlier weight). Used to say how much of one order-level
 * discount each line carries, e.g. for a partial refund. No share exceeds its weight when
 * total ≤ sum(weights).
 */
export function allocateProportionally(total: Cents, weights: readonly Cents[]): Cents[] {
  assertCents(total, 'amount to allocate');
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = exact.map((e) => e / sum);
  let left = BigInt(total) - shares.reduce((s, x) => s + x, 0n);
  const byRemainder = exact
    .map((e, index) => ({ index, remainder: e % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** Cents as a person reads them: 123456 → "$1,234.56". */
export function formatUsd(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${sign}$${dollars}.${rest}`;
}

/** A basis-point percentage as a person reads it: 1250 → "12.5%". */
export function formatBasisPoints(bp: BasisPoints): string {
  return `${trimDecimal(bp / 100)}%`;
}

/** A parts-per-million rate as a person reads it: 88_750 → "8.875%". */
export function formatPpm(ppm: PartsPerMillion): string {
  return `${trimDecimal(ppm / 10_000)}%`;
}

function trimDecimal(value: number): string {
  // Display only: at most four decimals of a percent, trailing zeros dropped.
  return value.toFixed(4).replace(/\.?0+$/, '');
}
