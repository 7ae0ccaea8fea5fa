// One order as the dealer handles it (GET /api/admin/orders/{orderId}): the lines at the prices
// charged, discounts, shipping, tax, the payment and every refund, the whole timeline (who made each
// step), the mails sent, and only the actions the state machine allows now (the API says which). A
// refund may be the rest or a part, with units back on the shelf or not. When another admin moved the
// order first, the API's 409 is shown and the fresh order replaces the stale one.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { AddressBlock } from '../../../src/components/OrderParts';
import { formatCents, formatDateTime, orderStatusText, pluralize } from '../../../src/lib/format';
import { ApiError, messageOf } from '../../../src/api/http';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminOrder } from '../api';
import { adminName } from '../auth/session';
import { ConfirmButton } from '../components/Confirm';
import { ShipButton } from '../components/ShipDialog';
import { toast } from '../components/Toasts';

const MAILS: Record<string, string> = {
  orderConfirmation: 'Order confirmation',
  orderShipped: 'Shipped, with tracking',
  orderDelivered: 'Delivered',
  orderCancelled: 'Cancelled',
  orderRefunded: 'Refund',
  paymentFailed: 'Payment failed',
};
interface AuditEntry {
  id: string;
  action: string;
  at: string;
  by: { sub: string; email: string | null };
}
const ACTIONS: Record<string, string> = {
  'order.packed': 'marked packed',
  'order.shipped': 'shipped',
  'order.delivered': 'marked delivered',
  'order.cancelled': 'cancelled',
  'order.refund': 'refunded',
  'order.refund-stock': 'decided about the units of a dashboard refund',
  'order.tracking-link-replaced': 'replaced the tracking link',
};
/** Stripe's dispute statuses, as a dealer reads them. */
const DISPUTE_STATUS: Record<string, string> = {
  warning_needs_response: 'an inquiry that needs your answer',
  warning_under_review: 'an inquiry under review',
  warning_closed: 'an inquiry, closed',
  needs_response: 'needs your answer',
  under_review: 'under review by the bank',
  won: 'won',
  lost: 'lost: the money went back to the card holder',
  prevented: 'prevented',
};
const BY: Record<AdminOrder['timeline'][number]['by'], string> = { system: 'the shop', admin: 'an admin', shopper: 'the customer' };

/** Dollars as typed ("12", "12.5", "12.50") in cents; undefined when it is not an amount. */
function centsOf(text: string): number | undefined {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : undefined;
}

export function OrderDetail() {
  const { params } = useRoute();
  const orderId = params.orderId ?? '';
  const url = `/api/admin/orders/${encodeURIComponent(orderId)}`;
  const { data: order, error, loading, setData, reload } = useAsync((signal) => adminFetch<AdminOrder>(url, { signal }), [url]);
  // Who did what to it: every admin change is audited with the change itself.
  const auditUrl = `/api/admin/audit?objectType=order&objectId=${encodeURIComponent(orderId)}&limit=100`;
  const audit = useAsync((signal) => adminFetch<{ items: AuditEntry[] }>(auditUrl, { signal }), [auditUrl, order?.version]);
  const [busy, setBusy] = useState(false);

  if (loading && !order) return <p aria-busy="true">Loading the order…</p>;
  if (error || !order) return <p class="form-error">{messageOf(error)}</p>;

  /** Sends one change; on a conflict (someone else moved the order) shows why and the fresh order. */
  const act = async (done: string, send: () => Promise<AdminOrder>) => {
    setBusy(true);
    try {
      setData(await send());
      toast('success', done);
    } catch (e) {
      toast('error', messageOf(e));
      if (e instanceof ApiError && e.status === 409) reload();
    } finally {
      setBusy(false);
    }
  };
  const move = (to: string, extra: Record<string, string> = {}) =>
    act(`Order ${order.number}: ${orderStatusText(to).toLowerCase()}.`, () => adminFetch<AdminOrder>(`${url}/transitions`, { method: 'POST', body: { to, ...extra } }));

  const { totals, address } = order;
  const left = order.totals.totalCents - order.refundedCents;
  return (
    <>
      <p>
        <a href={`/admin/orders?status=${order.status}`}>← Orders</a> ·{' '}
        <a href={`/admin/orders/${encodeURIComponent(order.orderId)}/packing-slip`}>Packing slip</a>
      </p>
      <h1 tabIndex={-1}>Order {order.number}</h1>
      <p>
        <span class={`status status-${order.status}`}>{orderStatusText(order.status)}</span> · placed {formatDateTime(order.createdAt)} by {order.customerName} (
        <a href={`mailto:${order.email}`}>{order.email}</a>
        {order.owner.kind === 'guest' ? ', as a guest' : ', signed in'})
      </p>

      <Attention order={order} busy={busy} onDecide={(returnStock, done) => void act(done, () => adminFetch<AdminOrder>(`${url}/refund-stock`, { method: 'POST', body: { returnStock } }))} />

      <section class="card" aria-labelledby="actions-title">
        <h2 id="actions-title">What can be done now</h2>
        {order.actions.transitions.length === 0 && !order.actions.refund ? (
          <p class="muted">Nothing: this order is {orderStatusText(order.status).toLowerCase()}.</p>
        ) : (
          <p class="row-actions">
            {order.actions.transitions.includes('packed') && (
              <button type="button" disabled={busy} onClick={() => void move('packed')}>
                Mark packed
              </button>
            )}
            {order.actions.transitions.includes('shipped') && <ShipButton orderNumber={order.number} onShip={(shipment) => void move('shipped', { ...shipment })} />}
            {order.actions.transitions.includes('delivered') && (
              <button type="button" disabled={busy} onClick={() => void move('delivered')}>
                Mark delivered
              </button>
            )}
            {order.actions.transitions.includes('cancelled') && (
              <ConfirmButton label="Cancel the order" question={`Cancel order ${order.number}?`} confirmLabel="Cancel the order" onConfirm={() => void move('cancelled')}>
                <p>
                  {order.paymentMismatch
                    ? `The ${formatCents(order.paymentMismatch.amountCents)} payment goes back to the customer in full, and their cart opens again.`
                    : order.payment.status === 'succeeded'
                    ? `The customer is refunded ${formatCents(left)} and every unit goes back on the shelf.`
                    : 'The payment is cancelled and the held units go back on the shelf.'}
                </p>
              </ConfirmButton>
            )}
          </p>
        )}
        {order.owner.kind === 'guest' && (
          <p>
            <ConfirmButton
              label="Replace the tracking link"
              question={`Replace the tracking link of order ${order.number}?`}
              confirmLabel="Replace the link"
              onConfirm={() =>
                void act(`Order ${order.number}: every earlier tracking link is off; ${order.email} has a new one.`, async () => {
                  await adminFetch(`${url}/tracking-link`, { method: 'POST' });
                  return adminFetch<AdminOrder>(url);
                })
              }
            >
              <p>Every tracking link mailed so far stops opening this order (use it when a link was forwarded or leaked), and {order.email} is mailed a fresh one.</p>
            </ConfirmButton>
          </p>
        )}
        {order.actions.refund && (
          // Rare next to packing and shipping: folded away until asked for.
          <details class="refund-panel">
            <summary>Refund…</summary>
            <RefundForm order={order} busy={busy} onRefund={(body, done) => void act(done, () => adminFetch<AdminOrder>(`${url}/refund`, { method: 'POST', body }))} />
          </details>
        )}
      </section>

      <section class="card" aria-labelledby="lines-title">
        <h2 id="lines-title">Items</h2>
        <table class="lines">
          <caption class="visually-hidden">Items of order {order.number}</caption>
          <thead>
            <tr>
              <th scope="col">Mineral</th>
              <th scope="col" class="numeric">
                Units
              </th>
              <th scope="col" class="numeric">
                Each
              </th>
              <th scope="col" class="numeric">
                Line
              </th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.mineralId}>
                <th scope="row">
                  <img src={item.imageUrl} alt="" width={48} height={36} loading="lazy" /> <a href={`/admin/minerals/${encodeURIComponent(item.mineralId)}/inventory`}>{item.name}</a>
                  {(order.returnedUnits[item.mineralId] ?? 0) > 0 && <span class="muted"> · {order.returnedUnits[item.mineralId]} back on the shelf</span>}
                </th>
                <td class="numeric" data-label="Units">
                  {item.quantity}
                </td>
                <td class="numeric" data-label="Each">
                  {formatCents(item.unitPriceCents)}
                  {item.listUnitPriceCents !== item.unitPriceCents && <span class="muted"> (list {formatCents(item.listUnitPriceCents)})</span>}
                </td>
                <td class="numeric" data-label="Line">
                  {formatCents(item.lineTotalCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl class="totals">
          <dt>Subtotal</dt>
          <dd>{formatCents(totals.subtotalCents)}</dd>
          {order.discounts.map((d) => [<dt key={`${d.description}-t`}>{d.description}</dt>, <dd key={`${d.description}-d`}>−{formatCents(d.amountCents)}</dd>])}
          <dt>Shipping ({order.shippingMethod})</dt>
          <dd>{formatCents(totals.shippingCents)}</dd>
          <dt>Tax</dt>
          <dd>{formatCents(totals.taxCents)}</dd>
          <dt>Charged</dt>
          <dd>
            <strong>{formatCents(totals.totalCents)}</strong>
          </dd>
          {order.refundedCents > 0 && [<dt key="r-t">Refunded</dt>, <dd key="r-d">−{formatCents(order.refundedCents)}</dd>]}
        </dl>
        {order.couponCode && <p class="muted">Coupon {order.couponCode}</p>}
      </section>

      <div class="columns">
        <section class="card" aria-labelledby="ship-title">
          <h2 id="ship-title">Ship to</h2>
          <AddressBlock address={address} />
          {address.phone && <p>Phone: {address.phone}</p>}
          {order.tracking && (
            <p>
              {order.tracking.carrier} {order.tracking.url ? <a href={order.tracking.url}>{order.tracking.trackingNumber}</a> : order.tracking.trackingNumber}
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="payment-title">
          <h2 id="payment-title">Payment</h2>
          <p>
            {order.paymentMismatch ? 'Wrong amount' : order.payment.status === 'succeeded' ? 'Paid' : order.payment.status === 'failed' ? 'Declined' : order.payment.status === 'canceled' ? 'Cancelled' : 'Waiting'} ·{' '}
            {order.payment.provider === 'stripe' ? 'Stripe' : 'local sandbox'} {order.payment.paymentId && <code>{order.payment.paymentId}</code>}
          </p>
          {order.payment.failureMessage && <p class="muted">Last decline: {order.payment.failureMessage}</p>}
          {order.refunds.length > 0 && (
            <ul class="plain-list" aria-label="Refunds">
              {order.refunds.map((r) => (
                <li key={r.refundId}>
                  {formatDateTime(r.at)}: {formatCents(r.amountCents)} refunded{r.by === 'provider' ? ' in the Stripe dashboard' : r.reason ? ` (${r.reason})` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol class="timeline">
          {order.timeline.map((step, i) => (
            <li key={i}>
              <strong>{orderStatusText(step.status)}</strong> · {formatDateTime(step.at)} · by {BY[step.by]}
              {step.note && <span class="muted"> · {step.note}</span>}
            </li>
          ))}
        </ol>
        <h3>Changes by admins</h3>
        {audit.data && audit.data.items.length > 0 ? (
          <ul class="plain-list" aria-label="Changes by admins">
            {audit.data.items.map((r) => (
              <li key={r.id}>
                {formatDateTime(r.at)} · {ACTIONS[r.action] ?? r.action} · by {adminName(r.by)}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{audit.error ? messageOf(audit.error) : audit.data ? 'None.' : 'Loading…'}</p>
        )}
        <h3>Mails sent</h3>
        {order.mailsSent.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <ul class="plain-list" aria-label="Mails sent">
            {order.mailsSent.map((m) => (
              <li key={m}>{MAILS[m.split(':')[0] ?? ''] ?? m.split(':')[0]}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * What the payment provider told the shop that a person must act on: a payment that did not match the
 * order, disputes, and the units of refunds made in the Stripe dashboard (back on the shelf or not).
 */
function Attention({ order, busy, onDecide }: { order: AdminOrder; busy: boolean; onDecide: (returnStock: boolean, done: string) => void }) {
  const review = order.refundStockReview;
  if (!order.paymentMismatch && order.disputes.length === 0 && !review) return null;
  return (
    <section class="card attention" aria-labelledby="attention-title">
      <h2 id="attention-title">Needs your attention</h2>
      {order.paymentMismatch && (
        <p>
          A payment of {formatCents(order.paymentMismatch.amountCents)} {order.paymentMismatch.currency} came in on {formatDateTime(order.paymentMismatch.at)}, but this order is{' '}
          {formatCents(order.totals.totalCents)} USD. It was not taken as payment, and the units stay held. Cancel the order to send the payment back in full.
        </p>
      )}
      {order.disputes.map((d) => (
        <p key={d.disputeId}>
          The card holder disputed {formatCents(d.amountCents)} ({d.reason.replace(/_/g, ' ')}) on {formatDateTime(d.openedAt)}: {DISPUTE_STATUS[d.status] ?? d.status}.
          {d.open && d.evidenceDueBy && <> Answer it in the Stripe dashboard by {formatDateTime(d.evidenceDueBy)}; refunds are not possible meanwhile.</>}
        </p>
      ))}
      {review && (
        <>
          <p>
            {formatCents(review.amountCents)} was refunded in the Stripe dashboard. Did units come back with it? Nothing goes back on the shelf until you say.
          </p>
          <p class="row-actions">
            <button type="button" disabled={busy} onClick={() => onDecide(true, `Order ${order.number}: every unit is back on the shelf.`)}>
              Put every unit back on the shelf
            </button>
            <button type="button" disabled={busy} onClick={() => onDecide(false, `Order ${order.number}: no units came back.`)}>
              No units came back
            </button>
          </p>
        </>
      )}
    </section>
  );
}

type ReturnChoice = 'none' | 'all' | 'some';

function RefundForm({ order, busy, onRefund }: { order: AdminOrder; busy: boolean; onRefund: (body: Record<string, unknown>, done: string) => void }) {
  const left = order.totals.totalCents - order.refundedCents;
  const [amount, setAmount] = useState((left / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [back, setBack] = useState<ReturnChoice>('none');
  const returnable = order.items.map((i) => ({ ...i, left: i.quantity - (order.returnedUnits[i.mineralId] ?? 0) })).filter((i) => i.left > 0);
  const [units, setUnits] = useState<Record<string, string>>({});
  const cents = centsOf(amount);
  const amountProblem = cents === undefined || cents <= 0 ? 'Enter an amount in dollars, like 25.00.' : cents > left ? `At most ${formatCents(left)} is left to refund.` : undefined;
  const chosen = returnable.map((i) => ({ mineralId: i.mineralId, quantity: Number(units[i.mineralId] || 0), left: i.left, name: i.name }));
  const unitsProblem =
    back !== 'some'
      ? undefined
      : chosen.some((c) => !Number.isInteger(c.quantity) || c.quantity < 0 || c.quantity > c.left)
        ? 'Each line takes a whole number of units, at most what it sold and has not returned.'
        : chosen.every((c) => c.quantity === 0)
          ? 'Choose at least one unit, or say no units come back.'
          : undefined;
  const valid = !amountProblem && !unitsProblem;
  const returnStock = back === 'all' ? true : back === 'some' ? chosen.filter((c) => c.quantity > 0).map(({ mineralId, quantity }) => ({ mineralId, quantity })) : undefined;
  const send = () =>
    onRefund(
      { amountCents: cents, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(returnStock ? { returnStock } : {}) },
      `Refunded ${formatCents(cents ?? 0)} on order ${order.number}.`,
    );

  return (
    <form class="refund" aria-labelledby="refund-title" onSubmit={(e) => e.preventDefault()}>
      <h3 id="refund-title">Refund</h3>
      <label>
        Amount in dollars (up to {formatCents(left)})
        <input inputMode="decimal" value={amount} aria-invalid={amountProblem ? 'true' : undefined} aria-describedby="refund-amount-problem" onInput={(e) => setAmount(e.currentTarget.value)} />
        {amountProblem && (
          <span class="form-error" id="refund-amount-problem">
            {amountProblem}
          </span>
        )}
      </label>
      <label>
        Reason (optional; the customer's mail says it)
        <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {returnable.length > 0 && (
        <fieldset>
          <legend>Units back on the shelf</legend>
          <label class="inline-field">
            <input type="radio" name="back" checked={back === 'none'} onChange={() => setBack('none')} /> None (the customer keeps them)
          </label>
          <label class="inline-field">
            <input type="radio" name="back" checked={back === 'all'} onChange={() => setBack('all')} /> All {pluralize(returnable.reduce((n, i) => n + i.left, 0), 'unit')}
          </label>
          <label class="inline-field">
            <input type="radio" name="back" checked={back === 'some'} onChange={() => setBack('some')} /> Some
          </label>
          {back === 'some' &&
            returnable.map((i) => (
              <label key={i.mineralId}>
                Units of {i.name} back (of {i.left})
                <input inputMode="numeric" value={units[i.mineralId] ?? ''} onInput={(e) => setUnits({ ...units, [i.mineralId]: e.currentTarget.value })} />
              </label>
            ))}
          {unitsProblem && <span class="form-error">{unitsProblem}</span>}
        </fieldset>
      )}
      {valid && !busy ? (
        <ConfirmButton label={`Refund ${formatCents(cents ?? 0)}`} question={`Refund ${formatCents(cents ?? 0)} on order ${order.number}?`} confirmLabel="Refund now" onConfirm={send}>
          <p>
            The money goes back to the customer's card
            {returnStock === true ? ', and every unit goes back on the shelf' : returnStock ? ', and the chosen units go back on the shelf' : ''}. The customer is mailed.
          </p>
        </ConfirmButton>
      ) : (
        <button type="button" class="button-danger" disabled>
          Refund
        </button>
      )}
    </form>
  );
}
