// The pieces of an order every order page shows: items, totals, address, timeline and tracking.
import type { Address, Order, OrderAddress } from '../api/types';
import { cityLine, countryName, formatCents, formatDateTime, orderStatusText } from '../lib/format';

export function OrderItems({ order }: { order: Order }) {
  return (
    <ul class="order-items" aria-label="Items">
      {order.items.map((item) => (
        <li key={item.mineralId}>
          <img src={item.imageUrl} alt="" width={80} height={60} loading="lazy" />
          <span class="order-item-name">
            <a href={`/minerals/${item.mineralId}`}>{item.name}</a>
            <span class="muted small">
              {' '}
              {item.quantity} × {formatCents(item.unitPriceCents)}
              {item.listUnitPriceCents > item.unitPriceCents && <s class="regular-price"> {formatCents(item.listUnitPriceCents)}</s>}
            </span>
          </span>
          <span>{formatCents(item.lineTotalCents)}</span>
        </li>
      ))}
    </ul>
  );
}

export interface TotalsValues {
  subtotalCents: number;
  shippingMethod: string;
  /** The shipping rate before a free-shipping discount (which shows among the discounts). */
  shippingCents: number;
  discounts: ReadonlyArray<{ description: string; amountCents: number }>;
  taxCents: number;
  totalCents: number;
  refundedCents?: number;
}

/** Subtotal, shipping, each discount, tax and total, as the server computed them (a quote or an order). */
export function Totals({ values: t }: { values: TotalsValues }) {
  return (
    <dl class="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{formatCents(t.subtotalCents)}</dd>
      </div>
      <div>
        <dt>Shipping ({t.shippingMethod})</dt>
        <dd>{formatCents(t.shippingCents)}</dd>
      </div>
      {t.discounts.map((d) => (
        <div key={d.description} class="discount">
          <dt>{d.description}</dt>
          <dd>−{formatCents(d.amountCents)}</dd>
        </div>
      ))}
      <div>
        <dt>Tax</dt>
        <dd>{formatCents(t.taxCents)}</dd>
      </div>
      <div class="total">
        <dt>Total</dt>
        <dd>{formatCents(t.totalCents)}</dd>
      </div>
      {(t.refundedCents ?? 0) > 0 && (
        <div>
          <dt>Refunded</dt>
          <dd>{formatCents(t.refundedCents ?? 0)}</dd>
        </div>
      )}
    </dl>
  );
}

export function OrderTotals({ order }: { order: Order }) {
  return <Totals values={{ ...order.totals, shippingMethod: order.shippingMethod, discounts: order.discounts }} />;
}

export function AddressBlock({ address }: { address: Address | OrderAddress }) {
  return (
    <address class="address">
      {address.name}
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {cityLine(address)}
      <br />
      {countryName(address.country)}
    </address>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`order-status status-${status}`}>{orderStatusText(status)}</span>;
}

export function Timeline({ order }: { order: Order }) {
  return (
    <section aria-labelledby="timeline-title" class="timeline-section">
      <h2 id="timeline-title">Status</h2>
      <ol class="timeline">
        {order.timeline.map((entry, i) => (
          <li key={`${entry.status}-${entry.at}`} aria-current={i === order.timeline.length - 1 ? 'step' : undefined}>
            <strong>{orderStatusText(entry.status)}</strong> <span class="muted">{formatDateTime(entry.at)}</span>
            {entry.note && <p class="small">{entry.note}</p>}
          </li>
        ))}
      </ol>
      {order.tracking && (
        <p class="tracking">
          Shipped with {order.tracking.carrier}, tracking number{' '}
          {order.tracking.url ? (
            <a href={order.tracking.url} rel="noopener noreferrer" target="_blank">
              {order.tracking.trackingNumber}
              <span class="visually-hidden"> (opens the carrier’s site)</span>
            </a>
          ) : (
            <strong>{order.tracking.trackingNumber}</strong>
          )}
        </p>
      )}
      {order.status === 'pending_payment' && order.paymentDeadline && (
        <p class="muted">Waiting for payment until {formatDateTime(order.paymentDeadline)}.</p>
      )}
      {order.payment.failureMessage && order.status === 'payment_failed' && <p class="field-error">{order.payment.failureMessage}</p>}
    </section>
  );
}

/** The whole order, as the detail and tracking pages show it. */
export function OrderSections({ order }: { order: Order }) {
  return (
    <div class="order-layout">
      <div>
        <Timeline order={order} />
        <section aria-labelledby="items-title">
          <h2 id="items-title">Items</h2>
          <OrderItems order={order} />
          <OrderTotals order={order} />
        </section>
      </div>
      <section aria-labelledby="ship-title" class="order-side">
        <h2 id="ship-title">Delivery</h2>
        <AddressBlock address={order.address} />
        <p class="muted small">
          {order.shippingMethod === 'express' ? 'Express' : 'Standard'} shipping{order.couponCode ? ` · coupon ${order.couponCode}` : ''}
        </p>
      </section>
    </div>
  );
}
