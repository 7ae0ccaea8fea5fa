// An order placed but not yet paid (so a reload on the payment step comes back to it), and the
// guests' tracking tokens (so a guest's confirmation page survives a reload).
import { computed, signal } from '@preact/signals';
import { api } from '../api/client';
import type { Order, PaymentStart } from '../api/types';
import { refreshCart } from './cart';
import { currentUser } from './session';
import { readStored, writeStored } from './storage';

export interface PendingCheckout {
  /** Who placed it: the shopper's id, or null for a guest (another visitor of this browser never sees it). */
  ownerId: string | null;
  /** The cart it was placed from, when this browser placed it. */
  cartId?: string;
  orderId: string;
  orderNumber: string;
  totalCents: number;
  email: string;
  payment: PaymentStart;
  /** Guests only: what reads the order back. */
  trackingToken?: string;
  saveCard: boolean;
}

const PENDING_KEY = 'pending-checkout';
const TRACKING_KEY = 'tracking-tokens';

const stored = signal<PendingCheckout | null>(readStored<PendingCheckout>(PENDING_KEY) ?? null);

/** The order this visitor placed and has not paid yet, if any. */
export const pendingCheckout = computed(() => {
  const pending = stored.value;
  return pending && pending.ownerId === (currentUser.value?.userId ?? null) ? pending : null;
});

export function setPendingCheckout(value: PendingCheckout | null): void {
  writeStored(PENDING_KEY, value);
  stored.value = value;
}

export function rememberTrackingToken(orderId: string, token: string): void {
  const tokens = readStored<Record<string, string>>(TRACKING_KEY) ?? {};
  tokens[orderId] = token;
  // Keep the last few; older confirmations are reachable from the mailed link.
  const recent = Object.fromEntries(Object.entries(tokens).slice(-10));
  writeStored(TRACKING_KEY, recent);
}

export function trackingTokenFor(orderId: string): string | undefined {
  return readStored<Record<string, string>>(TRACKING_KEY)?.[orderId];
}

/** Reads an order the way the caller may: a shopper through their account, a guest through the tracking token. */
export async function fetchOrder(orderId: string, trackingToken: string | undefined, signal?: AbortSignal): Promise<Order> {
  const options = signal ? { signal } : {};
  const answer = trackingToken
    ? await api<Order | { order: Order }>(`/api/orders/${encodeURIComponent(orderId)}/tracking?token=${encodeURIComponent(trackingToken)}`, options)
    : await api<Order | { order: Order }>(`/api/me/orders/${encodeURIComponent(orderId)}`, { ...options, auth: 'required' });
  return 'order' in answer ? answer.order : answer;
}

/** Headers that prove this browser owns the guest cart (a shopper's access token is added by api()). */
export function guestCartHeaders(): Record<string, string> {
  const guest = readStored<{ cartToken?: string }>('guest-cart');
  return guest?.cartToken ? { 'x-cart-token': guest.cartToken } : {};
}

/** Cancels an order that awaits payment, which opens its cart again for editing. */
export async function cancelPendingOrder(orderId: string): Promise<void> {
  const shopper = Boolean(currentUser.value);
  await api(`/api/orders/${encodeURIComponent(orderId)}/cancel`, {
    method: 'POST',
    auth: shopper ? 'required' : 'none',
    headers: shopper ? {} : guestCartHeaders(),
  });
  if (stored.value?.orderId === orderId) setPendingCheckout(null);
  await refreshCart().catch(() => undefined);
}
