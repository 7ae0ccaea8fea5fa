import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { messageOf } from '../../api/http';
import type { WishlistItem } from '../../api/types';
import { AccountShell } from '../../components/AccountShell';
import { StockBadge } from '../../components/Price';
import { ErrorMessage, Loading, Notice } from '../../components/Status';
import { formatCents } from '../../lib/format';
import { useTitle } from '../../lib/page';
import { useAsync } from '../../lib/useAsync';
import { currentUser } from '../../state/session';
import { setWished } from '../../state/wishlist';

export function Wishlist() {
  useTitle('Your wishlist');
  const user = currentUser.value;
  const list = useAsync(
    (signal) => (user ? api<{ items: WishlistItem[] }>('/api/me/wishlist', { auth: 'required', signal }) : new Promise<never>(() => undefined)),
    [user?.userId],
  );
  const [error, setError] = useState<string | null>(null);

  const remove = async (item: WishlistItem) => {
    setError(null);
    try {
      await setWished(item.mineralId, false);
      list.setData({ items: (list.data?.items ?? []).filter((i) => i.mineralId !== item.mineralId) });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <AccountShell title="Your wishlist">
      {error && <Notice kind="error">{error}</Notice>}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && list.error === undefined && <Loading label="Loading your wishlist…" />}
      {list.data && list.data.items.length === 0 && (
        <div class="empty">
          <p>Your wishlist is empty. Use “Add to wishlist” on a mineral’s page to keep it here.</p>
        </div>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul class="wishlist" aria-label="Minerals on your wishlist">
          {list.data.items.map((item) => (
            <li key={item.mineralId} class="wish-row">
              <img src={item.image} alt="" width={120} height={90} loading="lazy" />
              <a href={`/minerals/${item.mineralId}`}>{item.name}</a>
              <span>{formatCents(item.priceCents)}</span>
              <StockBadge available={item.available} />
              <button type="button" class="link-button" onClick={() => remove(item)} aria-label={`Remove ${item.name} from your wishlist`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </AccountShell>
  );
}
