// Orders in one status (the admin order routes): the paid ones are the queue to pack. Moving an order
// along is a button per row; cancelling (a full refund) asks first.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { formatCents, formatDateTime, orderStatusText } from '../../../src/lib/format';
import { messageOf } from '../../../src/api/http';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminOrderSummary } from '../api';
import { ConfirmButton } from '../components/Confirm';
import { DataTable, type Column } from '../components/DataTable';
import { ShipButton } from '../components/ShipDialog';
import { toast } from '../components/Toasts';

const STATUSES = ['paid', 'packed', 'shipped', 'delivered', 'pending_payment', 'payment_failed', 'cancelled', 'refunded', 'expired'] as const;
/** The one step forward from each status an admin may take with one click (shipping asks for the tracking number). */
/** The API's largest page of orders. */
const PAGE_SIZE = 50;

interface OrderPage {
  orders: AdminOrderSummary[];
  nextCursor: string | null;
}

const pageUrl = (status: string, cursor?: string) =>
  `/api/admin/orders?status=${status}&limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

const NEXT: Record<string, 'packed' | 'delivered' | undefined> = { paid: 'packed', shipped: 'delivered' };

export function Orders() {
  const { query, route } = useLocation();
  const status = STATUSES.find((s) => s === query.status) ?? 'paid';
  const { data, error, loading, reload, setData } = useAsync((signal) => adminFetch<OrderPage>(pageUrl(status), { signal }), [status]);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const loadMore = async (cursor: string) => {
    try {
      const next = await adminFetch<OrderPage>(pageUrl(status, cursor));
      setData({ orders: [...(data?.orders ?? []), ...next.orders], nextCursor: next.nextCursor });
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const transition = async (order: AdminOrderSummary, to: string, shipment: { carrier?: string; trackingNumber?: string } = {}) => {
    setBusy(order.orderId);
    try {
      await adminFetch(`/api/admin/orders/${order.orderId}/transitions`, { method: 'POST', body: { to, ...shipment } });
      toast('success', `Order ${order.number}: ${orderStatusText(to).toLowerCase()}.`);
      reload();
    } catch (e) {
      toast('error', `Order ${order.number}: ${messageOf(e)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const columns: Column<AdminOrderSummary>[] = [
    { key: 'number', label: 'Order', value: (o) => o.number, render: (o) => <a href={`/admin/orders/${encodeURIComponent(o.orderId)}`}>{o.number}</a> },
    { key: 'placed', label: 'Placed', value: (o) => o.createdAt, render: (o) => formatDateTime(o.createdAt) },
    { key: 'customer', label: 'Customer', value: (o) => `${o.customerName} ${o.email}`, render: (o) => `${o.customerName} (${o.email})` },
    { key: 'units', label: 'Units', value: (o) => o.itemCount, numeric: true },
    { key: 'total', label: 'Total', value: (o) => o.totals.totalCents, render: (o) => formatCents(o.totals.totalCents), numeric: true },
    {
      key: 'actions',
      label: 'Actions',
      actions: true,
      value: () => '',
      render: (o) => {
        const next = NEXT[o.status];
        return (
          <span class="row-actions">
            {next && (
              <button type="button" disabled={busy === o.orderId} onClick={() => void transition(o, next)}>
                Mark {orderStatusText(next).toLowerCase()}
              </button>
            )}
            {o.status === 'packed' && <ShipButton orderNumber={o.number} onShip={(shipment) => void transition(o, 'shipped', shipment)} />}
            {(o.status === 'paid' || o.status === 'packed') && (
              <ConfirmButton
                label="Cancel"
                question={`Cancel order ${o.number}?`}
                confirmLabel="Cancel and refund"
                onConfirm={() => void transition(o, 'cancelled')}
              >
                <p>The shopper is refunded {formatCents(o.totals.totalCents)} in full and the stock goes back on the shelf.</p>
              </ConfirmButton>
            )}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <h1 tabIndex={-1}>Orders</h1>
      <label class="inline-field">
        Status
        <select value={status} onChange={(e) => route(`/admin/orders?status=${e.currentTarget.value}`)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {orderStatusText(s)}
            </option>
          ))}
        </select>
      </label>
      {loading && !data && <p aria-busy="true">Loading orders…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && (
        <DataTable caption={`Orders: ${orderStatusText(status).toLowerCase()}`} rows={data.orders} columns={columns} rowKey={(o) => o.orderId} searchLabel="Search orders" />
      )}
      {data?.nextCursor && (
        <button type="button" onClick={() => void loadMore(data.nextCursor!)}>
          Load older orders
        </button>
      )}
    </>
  );
}
