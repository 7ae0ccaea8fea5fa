// The cart, kept in step with the server's. A guest's cart is an anonymous server cart whose id and
// secret token live in localStorage (sent as x-cart-token); a signed-in shopper's is their one active
// cart (POST /api/carts with the access token). On sign-in the guest cart is merged into the
// shopper's, and the guest's reference is dropped only once the server has the lines.
import { computed, signal } from '@preact/signals';
import { api } from '../api/client';
import { ApiError } from '../api/http';
import type { Cart } from '../api/types';
import { currentUser } from './session';
import { readStored, watchStored, writeStored } from './storage';

interface GuestCartRef {
  cartId: string;
  cartToken: string;
}

interface ShopperCartRef {
  userId: string;
  cartId: string;
}

const GUEST_KEY = 'guest-cart';
const SHOPPER_KEY = 'shopper-cart';

export const cart = signal<Cart | null>(null);
export const cartLoaded = signal(false);
/** What changed under the cart (stock gone, quantities lowered), to show until dismissed. */
export const cartNotices = signal<string[]>([]);
export const cartCount = computed(() => cart.value?.itemCount ?? 0);

function addNotices(notices: readonly string[]): void {
  const fresh = notices.filter((n) => !cartNotices.value.includes(n));
  if (fresh.length) cartNotices.value = [...cartNotices.value, ...fresh];
}

export function dismissCartNotices(): void {
  cartNotices.value = [];
}

// Each request for the cart takes a number when it is sent. A response older than the one shown is
// dropped: a read sent before a change but answered after it would otherwise put the old cart back
// (the page's refresh on opening the cart, raced by the shopper's first "Update").
let requestsSent = 0;
let shownRequest = 0;
const nextRequest = () => ++requestsSent;

function accept(view: Cart, request: number): Cart {
  if (request < shownRequest && cart.value) return cart.value;
  shownRequest = request;
  addNotices(view.notices);
  cart.value = view;
  cartLoaded.value = true;
  return view;
}

const guestRef = () => readStored<GuestCartRef>(GUEST_KEY);
const shopperRef = () => {
  const ref = readStored<ShopperCartRef>(SHOPPER_KEY);
  return ref && ref.userId === currentUser.value?.userId ? ref : undefined;
};

/** The headers and auth that prove the caller owns the current cart. */
function ownership(): { auth: 'none' | 'required'; headers: Record<string, string> } {
  if (currentUser.value) return { auth: 'required', headers: {} };
  const guest = guestRef();
  return { auth: 'none', headers: guest ? { 'x-cart-token': guest.cartToken } : {} };
}

async function openShopperCart(): Promise<Cart> {
  const request = nextRequest();
  const opened = await api<{ cartId: string; cart: Cart }>('/api/carts', { method: 'POST', auth: 'required' });
  writeStored(SHOPPER_KEY, { userId: currentUser.value!.userId, cartId: opened.cartId } satisfies ShopperCartRef);
  return accept(opened.cart, request);
}

async function openGuestCart(): Promise<Cart> {
  const request = nextRequest();
  const created = await api<{ cartId: string; cartToken: string; cart: Cart }>('/api/carts', { method: 'POST' });
  writeStored(GUEST_KEY, { cartId: created.cartId, cartToken: created.cartToken } satisfies GuestCartRef);
  return accept(created.cart, request);
}

function currentCartId(): string | undefined {
  return currentUser.value ? shopperRef()?.cartId : guestRef()?.cartId;
}

function forgetCurrentCart(): void {
  if (currentUser.value) writeStored(SHOPPER_KEY, null);
  else writeStored(GUEST_KEY, null);
}

/** Reads the cart from the server (re-acquiring lapsed holds there); null when there is none yet. */
export async function refreshCart(): Promise<Cart | null> {
  const cartId = currentCartId();
  try {
    if (!cartId) {
      if (currentUser.value) return await openShopperCart();
      cart.value = null;
      return null;
    }
    const request = nextRequest();
    const view = await api<Cart>(`/api/carts/${cartId}`, ownership());
    if (view.status === 'ordered' || view.status === 'merged') {
      // Paid or merged: that cart is finished; a shopper gets their next one, a guest starts afresh when adding.
      forgetCurrentCart();
      if (currentUser.value) return await openShopperCart();
      cart.value = null;
      return null;
    }
    return accept(view, request);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      forgetCurrentCart();
      if (currentUser.value) return await openShopperCart();
      cart.value = null;
      return null;
    }
    throw error;
  } finally {
    cartLoaded.value = true;
  }
}

/** The current cart's id, opening a cart first if there is none. */
async function ensureCartId(): Promise<string> {
  const existing = currentCartId();
  if (existing) return existing;
  const opened = currentUser.value ? await openShopperCart() : await openGuestCart();
  return opened.cartId;
}

/**
 * Holds exactly `quantity` units (0 removes the line). A 409 says why it could not (not enough stock:
 * details.available; an order awaiting payment: checkout_in_progress).
 */
export async function setCartQuantity(mineralId: string, quantity: number): Promise<Cart> {
  for (let attempt = 0; ; attempt++) {
    const cartId = await ensureCartId();
    try {
      const request = nextRequest();
      const view = await api<Cart>(`/api/carts/${cartId}/items/${encodeURIComponent(mineralId)}`, {
        method: 'PUT',
        body: { quantity },
        ...ownership(),
      });
      return accept(view, request);
    } catch (error) {
      // The cart is gone (expired) or finished (ordered, merged): start a new one, once.
      const gone = error instanceof ApiError && (error.status === 404 ? /\bcart\b/i.test(error.message) : error.code === 'cart_closed');
      if (!gone || attempt > 0) throw error;
      forgetCurrentCart();
    }
  }
}

/** Called right after signing in: merges the guest cart into the shopper's, then shows the shopper's. */
export async function adoptCartAfterSignIn(): Promise<void> {
  const guest = guestRef();
  if (guest) {
    try {
      const request = nextRequest();
      const merged = await api<Cart>(`/api/carts/${guest.cartId}/merge`, {
        method: 'POST',
        auth: 'required',
        headers: { 'x-cart-token': guest.cartToken },
      });
      writeStored(GUEST_KEY, null);
      writeStored(SHOPPER_KEY, { userId: currentUser.value!.userId, cartId: merged.cartId } satisfies ShopperCartRef);
      accept(merged, request);
      return;
    } catch (error) {
      // A guest cart that no longer exists or was already checked out has nothing left to merge.
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 409)) throw error;
      writeStored(GUEST_KEY, null);
    }
  }
  await openShopperCart();
}

/** After signing out: the shopper's cart stays on the server; this browser starts as a guest. */
export function resetCartAfterSignOut(): void {
  writeStored(SHOPPER_KEY, null);
  cart.value = null;
  cartNotices.value = [];
}

/** Another tab changed the cart, or signed in or out: read it again. */
watchStored(GUEST_KEY, () => void refreshCart().catch(() => undefined));
let cartOwner = currentUser.value?.userId ?? null;
watchStored('session', () => {
  // session.ts has already read the new session (its listener was added first); token refreshes change nothing here.
  const owner = currentUser.value?.userId ?? null;
  if (owner === cartOwner) return;
  cartOwner = owner;
  void refreshCart().catch(() => undefined);
});
