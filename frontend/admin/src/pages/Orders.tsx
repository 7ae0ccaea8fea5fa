// Orders in one status (the admin order routes): the paid ones are the queue to pack. Moving an order
// along is a button per row; cancelling (a full refund) asks first. "Find an order" searches every
// status on the server by order number or by the email an order was placed with.
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

const searchUrl = (q: string) => `/api/admin/orders?q=${encodeURIComponent(q)}&limit=${PAGE_SIZE}`;

const pageUrl = (status: string, placed: { from: string; to: string }, cursor?: string) =>
  `/api/admin/orders?status=${status}&limit=${PAGE_SIZE}${placed.from ? `&placedFrom=${placed.from}` : ''}${placed.to ? `&placedTo=${placed.to}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** How long an order has waited, as a packer reads it: minutes, hours or days. */
function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}
const METHOD_TEXT: Record<string, string> = { standard: 'Standard', express: 'Express' };

const NEXT: Record<string, 'packed' | 'delivered' | undefined> = { paid: 'packed', shipped: 'delivered' };

export function Orders() {
  const { query, route } = useLocation();
  const status = STATUSES.find((s) => s === query.status) ?? 'paid';
  const placed = { from: query.from ?? '', to: query.to ?? '' };
  const search = (query.q ?? '').trim();
  const { data, error, loading, reload, setData } = useAsync(
    (signal) => adminFetch<OrderPage>(search ? searchUrl(search) : pageUrl(status, placed), { signal }),
    [search, status, placed.from, placed.to],
  );
  const goTo = (next: { status?: string; from?: string; to?: string }) => {
    const q = { status, from: placed.from, to: placed.to, ...next };
    route(`/admin/orders?status=${q.status}${q.from ? `&from=${q.from}` : ''}${q.to ? `&to=${q.to}` : ''}`);
  };
  const [searchText, setSearchText] = useState(search);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const loadMore = async (cursor: string) => {
    try {
      const next = await adminFetch<OrderPage>(pageUrl(status, placed, cursor));
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
    {
      key: 'number',
      label: 'Order',
      value: (o) => o.number,
      render: (o) => (
        <>
          <a href={`/admin/orders/${encodeURIComponent(o.orderId)}`}>{o.number}</a>
          {search && <span class="muted"> · {orderStatusText(o.status)}</span>}
        </>
      ),
    },
    { key: 'placed', label: 'Placed', value: (o) => o.createdAt, render: (o) => `${formatDateTime(o.createdAt)} (${age(o.createdAt)} ago)` },
    {
      key: 'items',
      label: 'Items',
      value: (o) => o.lines.map((l) => l.name).join(' '),
      render: (o) => (
        <ul class="queue-lines">
          {o.lines.map((l) => (
            <li key={l.name}>
              <img src={l.image} alt="" width={40} height={30} loading="lazy" /> {l.quantity} × {l.name}
            </li>
          ))}
          {o.moreLines > 0 && <li class="muted">and {o.moreLines} more</li>}
          {o.lines.length === 0 && <li class="muted">{o.itemCount} units</li>}
        </ul>
      ),
    },
    {
      key: 'shipTo',
      label: 'Ship to',
      value: (o) => (o.shipTo ? `${o.shipTo.name} ${o.shipTo.city} ${o.shipTo.country}` : ''),
      render: (o) =>
        o.shipTo ? (
          <>
            {o.shipTo.name}, {o.shipTo.city}
            {o.shipTo.region ? ` ${o.shipTo.region}` : ''}, {o.shipTo.country}
            {o.shippingMethod && <span class="muted"> · {METHOD_TEXT[o.shippingMethod] ?? o.shippingMethod}</span>}
          </>
        ) : (
          '—'
        ),
    },
    { key: 'customer', label: 'Customer', value: (o) => `${o.customerName} ${o.email}`, render: (o) => `${o.customerName} (${o.email})` },
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
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const q = searchText.trim();
          route(q ? `/admin/orders?q=${encodeURIComponent(q)}` : `/admin/orders?status=${status}`);
        }}
      >
        <label class="inline-field">
          Find an order
          <input type="search" value={searchText} placeholder="MS-1A2B3C4D or email" onInput={(e) => setSearchText(e.currentTarget.value)} />
        </label>
        <button type="submit">Find</button>
        {search && (
          <a
            href={`/admin/orders?status=${status}`}
            onClick={() => setSearchText('')}
          >
            Back to the queue
          </a>
        )}
      </form>
      {!search && (
      <div class="filters">
      <label class="inline-field">
        Status
        <select value={status} onChange={(e) => goTo({ status: e.currentTarget.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {orderStatusText(s)}
            </option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        Placed from
        <input type="date" value={placed.from} onChange={(e) => goTo({ from: e.currentTarget.value })} />
      </label>
      <label class="inline-field">
        to
        <input type="date" value={placed.to} onChange={(e) => goTo({ to: e.currentTarget.value })} />
      </label>
      </div>
      )}
      {loading && !data && <p aria-busy="true">Loading orders…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && (
        <DataTable
          caption={search ? `Orders found for “${search}”` : `Orders: ${orderStatusText(status).toLowerCase()}`}
          rows={data.orders}
          columns={columns}
          rowKey={(o) => o.orderId}
          searchLabel="Narrow these orders"
          emptyText={search ? 'No order has that number, or was placed with that email.' : 'No orders here.'}
        />
      )}
      {data?.nextCursor && (
        <button type="button" onClick={() => void loadMore(data.nextCursor!)}>
          Load older orders
        </button>
      )}
    </>
  );
}
