import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { OrderPage, OrderSummary } from '../../api/types';
import { AccountShell } from '../../components/AccountShell';
import { StatusBadge } from '../../components/OrderParts';
import { ErrorMessage, Loading } from '../../components/Status';
import { formatCents, formatDate } from '../../lib/format';
import { useTitle } from '../../lib/page';
import { currentUser } from '../../state/session';

export function Orders() {
  useTitle('Your orders');
  const user = currentUser.value;
  const [orders, setOrders] = useState<OrderSummary[] | undefined>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await api<OrderPage>(`/api/me/orders?limit=10${after ? `&cursor=${encodeURIComponent(after)}` : ''}`, { auth: 'required' });
      setOrders((current) => [...(after ? (current ?? []) : []), ...page.orders]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (user) void load(null);
  }, [user?.userId]);

  return (
    <AccountShell title="Your orders">
      {error !== undefined && <ErrorMessage error={error} onRetry={() => load(cursor)} />}
      {!orders && error === undefined && <Loading label="Loading your orders…" />}
      {orders && orders.length === 0 && (
        <div class="empty">
          <p>You have not ordered anything yet.</p>
          <a href="/" class="button">
            Browse the minerals
          </a>
        </div>
      )}
      {orders && orders.length > 0 && (
        <ul class="order-list" aria-label="Orders, newest first">
          {orders.map((o) => (
            <li key={o.orderId} class="order-row">
              <a href={`/account/orders/${o.orderId}`} class="order-row-link">
                Order {o.number}
              </a>
              <span class="muted">{formatDate(o.createdAt)}</span>
              <StatusBadge status={o.status} />
              <span>
                {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
              </span>
              <strong>{formatCents(o.totals.totalCents)}</strong>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="button secondary" onClick={() => load(cursor)} disabled={busy}>
          {busy ? 'Loading…' : 'Older orders'}
        </button>
      )}
    </AccountShell>
  );
}
