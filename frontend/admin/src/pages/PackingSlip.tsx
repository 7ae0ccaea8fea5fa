// A packing slip to print and put in the box: who it goes to, the order number and date, and each
// specimen with its quantity (no prices: a gift may travel in the box). The console's navigation and
// buttons are hidden in print (admin.css).
import { useRoute } from 'preact-iso';
import { AddressBlock } from '../../../src/components/OrderParts';
import { formatDate } from '../../../src/lib/format';
import { messageOf } from '../../../src/api/http';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminOrder } from '../api';

export function PackingSlip() {
  const { params } = useRoute();
  const orderId = params.orderId ?? '';
  const { data: order, error, loading } = useAsync((signal) => adminFetch<AdminOrder>(`/api/admin/orders/${encodeURIComponent(orderId)}`, { signal }), [orderId]);
  if (loading && !order) return <p aria-busy="true">Loading the order…</p>;
  if (error || !order) return <p class="form-error">{messageOf(error)}</p>;
  const { address } = order;
  const units = order.items.reduce((n, i) => n + i.quantity, 0);
  return (
    <article class="packing-slip">
      <p class="no-print">
        <a href={`/admin/orders/${encodeURIComponent(order.orderId)}`}>← Order {order.number}</a>{' '}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1 tabIndex={-1}>Packing slip · {order.number}</h1>
      <p>Ordered {formatDate(order.createdAt)} · {order.shippingMethod} shipping</p>
      <h2>Ship to</h2>
      <AddressBlock address={address} />
      <h2>In this box</h2>
      <table class="lines">
        <caption class="visually-hidden">Specimens in order {order.number}</caption>
        <thead>
          <tr>
            <th scope="col">Packed</th>
            <th scope="col">Specimen</th>
            <th scope="col">Reference</th>
            <th scope="col" class="numeric">
              Units
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.mineralId}>
              <td aria-label="Packed (tick by hand)">☐</td>
              <th scope="row">{item.name}</th>
              <td data-label="Reference">
                <code>{item.mineralId}</code>
              </td>
              <td class="numeric" data-label="Units">
                {item.quantity}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Units in all
            </th>
            <td class="numeric">{units}</td>
          </tr>
        </tfoot>
      </table>
      <p class="muted">Thank you for buying from the Mineral shop. Questions about this order: reply to your confirmation mail, quoting {order.number}.</p>
    </article>
  );
}
