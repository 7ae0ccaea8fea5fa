// Which minerals are on the signed-in shopper's wishlist, loaded once per session and kept in step
// with each toggle.
import { effect, signal } from '@preact/signals';
import { api } from '../api/client';
import type { WishlistItem } from '../api/types';
import { currentUser } from './session';

export const wishlistIds = signal<ReadonlySet<string> | null>(null);
let loading: Promise<ReadonlySet<string>> | null = null;
let loadedFor: string | null = null;

effect(() => {
  const userId = currentUser.value?.userId ?? null;
  if (userId !== loadedFor) {
    loadedFor = userId;
    loading = null;
    wishlistIds.value = null;
  }
});

export function loadWishlistIds(): Promise<ReadonlySet<string>> {
  loading ??= api<{ items: WishlistItem[] }>('/api/me/wishlist', { auth: 'required' }).then(
    (r) => (wishlistIds.value = new Set(r.items.map((i) => i.mineralId))),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export async function setWished(mineralId: string, wished: boolean): Promise<void> {
  await api(`/api/me/wishlist/${encodeURIComponent(mineralId)}`, { method: wished ? 'PUT' : 'DELETE', auth: 'required' });
  const next = new Set(wishlistIds.value ?? []);
  if (wished) next.add(mineralId);
  else next.delete(mineralId);
  wishlistIds.value = next;
}
