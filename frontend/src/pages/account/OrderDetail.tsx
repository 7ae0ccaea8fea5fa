import { useRoute } from 'preact-iso';
import { ApiError } from '../../api/http';
import { AccountShell } from '../../components/AccountShell';
import { OrderSections, StatusBadge } from '../../components/OrderParts';
import { ErrorMessage, Loading } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/page';
import { useAsync } from '../../lib/useAsync';
import { fetchOrder } from '../../state/checkout';
import { currentUser } from '../../state/session';

export function OrderDetail() {
  const { params } = useRoute();
  const orderId = params.orderId ?? '';
  const user = currentUser.value;
  const order = useAsync((signal) => (user ? fetchOrder(orderId, undefined, signal) : new Promise<never>(() => undefined)), [orderId, user?.userId]);
  const o = order.data;
  useTitle(o ? `Order ${o.number}` : 'Order');
  return (
    <AccountShell title={o ? `Order ${o.number}` : 'Order'}>
      <p>
        <a href="/account/orders">All orders</a>
      </p>
      {order.error !== undefined &&
        (order.error instanceof ApiError && order.error.status === 404 ? <p>We could not find this order in your account.</p> : <ErrorMessage error={order.error} onRetry={order.reload} />)}
      {!o && order.error === undefined && <Loading label="Loading the order…" minHeight="40vh" />}
      {o && (
        <>
          <p>
            <StatusBadge status={o.status} /> <span class="muted">Placed {formatDateTime(o.createdAt)}</span>
          </p>
          <OrderSections order={o} />
        </>
      )}
    </AccountShell>
  );
}
