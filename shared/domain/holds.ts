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

/**
 * The rules that keep anyone from holding the shop hostage, with their numbers:
 * - Reading a cart never takes, extends or takes back a hold: only changing the cart, or checking
 *   out, does (shared/carts/carts.ts).
 * - A hold lasts at most `maxLifeMinutes` from when it was taken, however active the cart. Then its
 *   units go back on the shelf, and changing the cart cannot take them again for `cooldownMinutes`
 *   (checking out still can: the shopper can always buy what is there).
 * - One client (an address) may hold the last unit of a mineral (a one-of-a-kind specimen, or the
 *   last of several) for at most `lastUnitsPerClient` minerals at a time across all its guest carts.
 *   A slot is taken with the hold and kept until the hold's maximum life ends, or the line is removed.
 * Opening many guest carts gains nothing against these (the slots count across all of a client's
 * guest carts), so cart creation is left to the edge's rate rules rather than a per-address cap here,
 * which would also stop everyone behind one shared address.
 */
export const HOLD_LIMITS = {
  maxLifeMinutes: { guest: 60, shopper: 180 },
  cooldownMinutes: 10,
  lastUnitsPerClient: 10,
} as const;

/** How a cart change may hold a line: until when (and since when), or not before `coolingUntil`. */
export type HoldPlan = { heldSince: Date; expiresAt: Date } | { coolingUntil: Date };

/**
 * The hold a cart change gives a line whose current hold began at `heldSince` (null: none yet): a
 * full window from now, never past the hold's maximum life; after that life, nothing until the
 * cooldown is over; after the cooldown, a new hold.
 */
export function planHold(now: Date, owner: CartOwnerKind, heldSince: Date | null, windowMinutes: number = HOLD_MINUTES[owner]): HoldPlan {
  const window = holdExpiry(now, owner, windowMinutes);
  if (heldSince) {
    const end = heldSince.getTime() + HOLD_LIMITS.maxLifeMinutes[owner] * 60_000;
    if (now.getTime() < end) return { heldSince, expiresAt: new Date(Math.min(window.getTime(), end)) };
    const cooled = end + HOLD_LIMITS.cooldownMinutes * 60_000;
    if (now.getTime() < cooled) return { coolingUntil: new Date(cooled) };
  }
  return { heldSince: now, expiresAt: window };
}

/** When a hold that began at `heldSince` must end, however active its cart. */
export function holdLifeEnd(heldSince: Date, owner: CartOwnerKind): Date {
  return new Date(heldSince.getTime() + HOLD_LIMITS.maxLifeMinutes[owner] * 60_000);
}

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
