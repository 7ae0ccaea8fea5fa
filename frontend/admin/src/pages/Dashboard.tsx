// The shop's day: sales against the period before, revenue per day, orders waiting, failed payments,
// stock running low or sold out, holds in carts, and the last reconciliation.
import { formatCents, formatDateTime, pluralize } from '../../../src/lib/format';
import { messageOf } from '../../../src/api/http';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type Dashboard as DashboardData, type PeriodFigures, type WaitingOrder } from '../api';
import { RevenueChart } from '../components/RevenueChart';

const PERIODS = [
  ['today', 'Today', 'yesterday'],
  ['last7Days', 'Last 7 days', 'the 7 days before'],
  ['last30Days', 'Last 30 days', 'the 30 days before'],
] as const;

const FIGURES: ReadonlyArray<[string, (f: PeriodFigures) => string]> = [
  ['Revenue', (f) => formatCents(f.revenueCents)],
  ['Paid orders', (f) => String(f.paidOrders)],
  ['Average order', (f) => formatCents(f.averageOrderCents)],
  ['Units sold', (f) => String(f.units)],
];

function age(minutes: number): string {
  if (minutes < 60) return pluralize(minutes, 'minute');
  if (minutes < 48 * 60) return pluralize(Math.floor(minutes / 60), 'hour');
  return pluralize(Math.floor(minutes / 1440), 'day');
}

function OrderList({ orders, status, empty }: { orders: WaitingOrder[]; status: string; empty: string }) {
  if (orders.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="plain-list">
      {orders.map((o) => (
        <li key={o.orderId}>
          <a href={`/admin/orders?status=${status}`}>{o.number}</a> · {o.email} · {formatCents(o.totalCents)} · waiting {age(o.ageMinutes)}
        </li>
      ))}
    </ul>
  );
}

/** How many low-stock and sold-out minerals the dashboard names; the rest are one link away. */
const STOCK_LIST_LENGTH = 8;
/** Where the dealer receives stock for a mineral. */
const inventoryOf = (mineralId: string) => `/admin/minerals/${encodeURIComponent(mineralId)}/inventory`;

export function Dashboard() {
  const { data, error, loading } = useAsync((signal) => adminFetch<DashboardData>('/api/admin/dashboard', { signal }), []);
  if (loading && !data) return <p aria-busy="true">Loading the dashboard…</p>;
  if (error || !data) return <p class="form-error">{messageOf(error)}</p>;
  return (
    <>
      <h1 tabIndex={-1}>Dashboard</h1>
      <p class="muted">As of {formatDateTime(data.asOf)}</p>
      <div class="periods">
        {PERIODS.map(([key, title, before]) => (
          <section key={key} class="card" aria-labelledby={`period-${key}`}>
            <h2 id={`period-${key}`}>{title}</h2>
            <dl class="figures">
              {FIGURES.map(([label, show]) => (
                <div key={label} data-figure={`${key}-${label}`}>
                  <dt>{label}</dt>
                  <dd>
                    <span class="figure">{show(data.periods[key].current)}</span>
                    <span class="muted">
                      {' '}
                      ({before}: {show(data.periods[key].previous)})
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <section class="card" aria-labelledby="revenue-title">
        <h2 id="revenue-title">Revenue per day</h2>
        <RevenueChart days={data.revenuePerDay} />
      </section>
      <div class="columns">
        <section class="card" aria-labelledby="to-pack-title">
          <h2 id="to-pack-title">To pack ({data.waiting.toPack.count})</h2>
          <OrderList orders={data.waiting.toPack.oldest} status="paid" empty="Nothing waiting to be packed." />
          <h2>To ship ({data.waiting.toShip.count})</h2>
          <OrderList orders={data.waiting.toShip.oldest} status="packed" empty="Nothing waiting to be shipped." />
        </section>
        <section class="card" aria-labelledby="failed-title">
          <h2 id="failed-title">Failed payments, last 24 h</h2>
          <OrderList orders={data.failedPayments24h} status="payment_failed" empty="No failed payments." />
          <h2>Held in carts</h2>
          <p>
            {pluralize(data.holds.units, 'unit')} worth {formatCents(data.holds.valueCents)}
          </p>
        </section>
        <section class="card" aria-labelledby="stock-title">
          <h2 id="stock-title">Low stock</h2>
          {data.lowStock.length === 0 ? (
            <p class="muted">Nothing is running low.</p>
          ) : (
            <>
              <ul class="plain-list">
                {data.lowStock.slice(0, STOCK_LIST_LENGTH).map((m) => (
                  <li key={m.mineralId}>
                    <a href={inventoryOf(m.mineralId)}>{m.name}</a>: {m.available} left (threshold {m.lowStockThreshold})
                  </li>
                ))}
              </ul>
              {data.lowStock.length > STOCK_LIST_LENGTH && <a href="/admin/minerals?stock=low">All {data.lowStock.length} low-stock minerals</a>}
            </>
          )}
          <h2>Sold out</h2>
          {data.soldOut.length === 0 ? (
            <p class="muted">Nothing is sold out.</p>
          ) : (
            <>
              <ul class="plain-list">
                {[...data.soldOut]
                  .sort((a, b) => (b.watchers ?? 0) - (a.watchers ?? 0))
                  .slice(0, STOCK_LIST_LENGTH)
                  .map((m) => (
                    <li key={m.mineralId}>
                      <a href={inventoryOf(m.mineralId)}>{m.name}</a>: {pluralize(m.watchers ?? 0, 'shopper')} waiting for a restock
                    </li>
                  ))}
              </ul>
              {data.soldOut.length > STOCK_LIST_LENGTH && <a href="/admin/minerals?stock=sold_out">All {data.soldOut.length} sold-out minerals</a>}
            </>
          )}
        </section>
        <section class="card" aria-labelledby="reconciliation-title">
          <h2 id="reconciliation-title">Last reconciliation</h2>
          {data.lastReconciliation ? (
            <>
              <p>
                {formatDateTime(data.lastReconciliation.at)}: {pluralize(data.lastReconciliation.mineralsChecked, 'mineral')} checked,{' '}
                {data.lastReconciliation.drift.length === 0 ? 'no drift.' : `${pluralize(data.lastReconciliation.drift.length, 'drift')} found:`}
              </p>
              <ul class="plain-list">
                {data.lastReconciliation.drift.map((d) => (
                  <li key={d.mineralId}>
                    <a href={`/admin/minerals/${d.mineralId}/inventory`}>{d.mineralId}</a>: counted {d.actual}, expected {d.expected}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p class="muted">No reconciliation has run yet.</p>
          )}
        </section>
      </div>
    </>
  );
}
