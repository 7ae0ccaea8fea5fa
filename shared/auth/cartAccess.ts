// Who is asking for a cart, and whether they own it. A guest proves ownership with the secret token
// handed out when the cart was made (only its hash is stored); a signed-in shopper by their user id.
// Anything else is told the cart does not exist: a 404, so cart ids cannot be probed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CartHeader } from '../db/carts';
import { NotFoundError } from '../errors';
import { optionalShopper } from './shopperTokens';

export interface CartCaller {
  /** The guest cart token from the `x-cart-token` header. */
  cartToken?: string | undefined;
  /** The signed-in shopper's id, from a verified access token. */
  shopperId?: string | undefined;
  /** The client's address, for the per-client hold limits (HOLD_LIMITS); absent for calls not from a client. */
  clientKey?: string | undefined;
}

export const CART_TOKEN_HEADER = 'x-cart-token';

export function newCartToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCartToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Who is calling a cart route: the guest token if sent, and the shopper if a (valid) access token was sent. */
export async function cartCallerFrom(headers: Record<string, string | undefined>, clientAddress?: string): Promise<CartCaller> {
  const shopper = await optionalShopper(headers);
  return { cartToken: headers[CART_TOKEN_HEADER], shopperId: shopper?.userId, clientKey: clientAddress };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function ownsCart(header: CartHeader, caller: CartCaller): boolean {
  if (header.owner.kind === 'guest') return !!caller.cartToken && sameHash(hashCartToken(caller.cartToken), header.owner.tokenHash);
  return !!caller.shopperId && caller.shopperId === header.owner.userId;
}

/** The cart as loaded, when it is the caller's; a missing cart or someone else's is a 404. */
export function ownedCart<C extends { header: CartHeader }>(cart: C | undefined, caller: CartCaller, cartId: string): C {
  if (!cart || !ownsCart(cart.header, caller)) throw new NotFoundError(`No cart with id ${cartId}.`);
  return cart;
}
