// After paying: the order as the server has it. A guest reads it with the tracking token kept in this
// browser (so a reload works); a shopper through their account.
import { useRoute } from 'preact-iso';
import { ApiError } from '../api/http';
import { AddressBlock, OrderItems, OrderTotals } from '../components/OrderParts';
import { ErrorMessage, Loading } from '../components/Status';
import { formatDateTime } from '../lib/format';
import { useTitle } from '../lib/page';
import { useAsync } from '../lib/useAsync';
import { fetchOrder, trackingTokenFor } from '../state/checkout';
import { currentUser } from '../state/session';

export function Confirmation() {
  const { params } = useRoute();
  const orderId = params.orderId ?? '';
  const token = trackingTokenFor(orderId);
  const user = currentUser.value;
  const order = useAsync((signal) => fetchOrder(orderId, user && !token ? undefined : token, signal), [orderId, user?.userId]);
  const o = order.data;
  useTitle(o ? `Order ${o.number} confirmed` : 'Your order');

  if (!user && !token) {
    return (
      <section class="page narrow">
        <h1>Your order</h1>
        <p>This browser has no link to this order. Use the tracking link in your confirmation mail to see it.</p>
      </section>
    );
  }
  if (order.error) {
    return (
      <section class="page narrow">
        <h1>Your order</h1>
        {order.error instanceof ApiError && order.error.status === 404 ? <p>We could not find this order.</p> : <ErrorMessage error={order.error} onRetry={order.reload} />}
      </section>
    );
  }
  if (!o) return <Loading label="Loading your order…" minHeight="60vh" />;
  const paid = !['pending_payment', 'payment_failed', 'cancelled', 'expired'].includes(o.status);

  return (
    <section class="page confirmation">
      <h1>{paid ? 'Thank you for your order' : `Order ${o.number}`}</h1>
      <div class="message success" role="status">
        <p>
          Order number <strong class="order-number">{o.number}</strong>, placed {formatDateTime(o.createdAt)}.
        </p>
        {paid && (
          <p>
            Payment received. A confirmation mail is on its way to <strong>{o.email}</strong>.
          </p>
        )}
      </div>
      <div class="order-layout">
        <section aria-labelledby="items-title">
          <h2 id="items-title">Items</h2>
          <OrderItems order={o} />
          <OrderTotals order={o} />
        </section>
        <section aria-labelledby="ship-title" class="order-side">
          <h2 id="ship-title">Delivery address</h2>
          <AddressBlock address={o.address} />
          <p class="muted small">{o.shippingMethod === 'express' ? 'Express' : 'Standard'} shipping</p>
          <p>
            {token ? (
              <a href={`/orders/${o.orderId}/track?token=${encodeURIComponent(token)}`}>Follow this order</a>
            ) : (
              <a href={`/account/orders/${o.orderId}`}>Follow this order in your account</a>
            )}
          </p>
          <p>
            <a href="/">Keep browsing</a>
          </p>
        </section>
      </div>
    </section>
  );
}
