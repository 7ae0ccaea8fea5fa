// The rules of holding stock in a cart. Pure: the database layer applies these decisions atomically.

/** How long a hold lasts after the last cart activity. */
export const HOLD_MINUTES = { guest: 20, shopper: 60 } as const;

/**
 * DynamoDB's TTL deletes a cart line this long after its hold's logical expiry. The release job
 * frees the stock at the logical expiry; TTL only cleans up what nobody came back for.
 */
export const TTL_GRACE_SECONDS = 24 * 60 * 60;

/** Most units of one mineral in one cart, and most distinct minerals in one cart. */
export const CART_LIMITS = { unitsPerLine: 25, linesPerCart: 30 } as const;

export type CartOwnerKind = keyof typeof HOLD_MINUTES;

export function holdExpiry(now: Date, owner: CartOwnerKind, minutes: number = HOLD_MINUTES[owner]): Date {
  return new Date(now.getTime() + minutes * 60_000);
}

/** Epoch seconds for the TTL attribute of a line whose hold expires at `expiresAt`. */
export function ttlFor(expiresAt: Date): number {
  return Math.floor(expiresAt.getTime() / 1000) + TTL_GRACE_SECONDS;
}

export function isExpired(expiresAt: string, now: Date): boolean {
  return new Date(expiresAt).getTime() <= now.getTime();
}

/** What to do with a line whose hold covers fewer units than the shopper wants. */
export type Reacquire =
  | { kind: 'full'; take: number }
  | { kind: 'partial'; take: number; newQuantity: number }
  | { kind: 'none' };

/**
 * Decides how many units to take back for a line that wants `wanted`, holds `held` and finds
 * `available` units on the shelf. Never takes more than is available, never more than wanted.
 */
export function planReacquire(wanted: number, held: number, available: number): Reacquire {
  const missing = wanted - held;
  if (missing <= 0) return { kind: 'full', take: 0 };
  if (available >= missing) return { kind: 'full', take: missing };
  const take = Math.max(0, available);
  const newQuantity = held + take;
  return newQuantity === 0 ? { kind: 'none' } : { kind: 'partial', take, newQuantity };
}

/** A notice a person can read when stock changed under their cart. */
export function stockNotice(name: string, from: number, to: number): string {
  if (to === 0) return `${name} is no longer available and was removed from your cart.`;
  return `Only ${to} ${name} left — quantity lowered from ${from} to ${to}.`;
}
