// The guest's tracking page, opened from the link in their mail: /orders/{orderId}/track?token=…
// The token is a bearer secret: the page keeps it (as the confirmation page does) and takes it out of
// the address bar, so it is not left in the history or shown on a shared screen; a reload finds it kept.
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/http';
import { OrderSections, StatusBadge } from '../components/OrderParts';
import { ErrorMessage, Loading } from '../components/Status';
import { formatDateTime } from '../lib/format';
import { useTitle } from '../lib/page';
import { useAsync } from '../lib/useAsync';
import { fetchOrder, rememberTrackingToken, trackingTokenFor } from '../state/checkout';

export function TrackOrder() {
  const { params } = useRoute();
  const { query } = useLocation();
  const orderId = params.orderId ?? '';
  const [token] = useState(() => query.token ?? trackingTokenFor(orderId) ?? '');
  const order = useAsync((signal) => fetchOrder(orderId, token, signal), [orderId, token]);
  const o = order.data;
  useTitle(o ? `Order ${o.number}` : 'Track your order');
  useEffect(() => {
    if (!o || !token) return;
    rememberTrackingToken(orderId, token);
    if (query.token) history.replaceState(history.state, '', location.pathname);
  }, [o?.orderId]);

  if (!token) {
    return (
      <section class="page narrow">
        <h1>Track your order</h1>
        <p>This link is missing its code. Open the tracking link from your order confirmation mail.</p>
      </section>
    );
  }
  if (order.error) {
    const notFound = order.error instanceof ApiError && (order.error.status === 404 || order.error.status === 400 || order.error.status === 403);
    return (
      <section class="page narrow">
        <h1>Track your order</h1>
        {notFound ? <p>We could not find an order for this link. Check that you opened the whole link from the mail.</p> : <ErrorMessage error={order.error} onRetry={order.reload} />}
      </section>
    );
  }
  if (!o) return <Loading label="Loading your order…" minHeight="60vh" />;
  return (
    <section class="page order-detail">
      <h1>Order {o.number}</h1>
      <p>
        <StatusBadge status={o.status} /> <span class="muted">Placed {formatDateTime(o.createdAt)}</span>
      </p>
      <OrderSections order={o} />
    </section>
  );
}
