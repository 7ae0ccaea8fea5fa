import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api/http';
import { currentUser } from '../state/session';
import { loadWishlistIds, setWished, wishlistIds } from '../state/wishlist';

export function WishlistToggle({ mineralId, name }: { mineralId: string; name: string }) {
  const user = currentUser.value;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (user) loadWishlistIds().catch(() => undefined);
  }, [user?.userId]);

  if (!user) {
    return (
      <p class="wishlist-hint">
        <a href={`/account/sign-in?next=${encodeURIComponent(`/minerals/${mineralId}`)}`}>Sign in</a> to keep {name} on your wishlist.
      </p>
    );
  }
  const wished = wishlistIds.value?.has(mineralId) ?? false;
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await setWished(mineralId, !wished);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="wishlist-toggle">
      <button type="button" class="button secondary" aria-pressed={wished} onClick={toggle} disabled={busy || wishlistIds.value === null}>
        <span aria-hidden="true">{wished ? '♥' : '♡'}</span> {wished ? 'On your wishlist' : 'Add to wishlist'}
      </button>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
