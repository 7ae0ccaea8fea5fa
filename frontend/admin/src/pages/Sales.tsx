// What is on sale (GET /api/admin/sales): flash sales running now (ending soonest first), the next ones,
// and those that ended in the last 30 days. A sale is set on its mineral; each name opens the editor.
import { formatCents, formatDateTime } from '../../../src/lib/format';
import { messageOf } from '../../../src/api/http';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type SaleRow, type Sales as SalesData } from '../api';

function SaleTable({ caption, rows, when }: { caption: string; rows: SaleRow[]; when: (r: SaleRow) => string }) {
  return (
    <section class="card">
      <h2>{caption}</h2>
      {rows.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <div class="table-scroll">
          <table aria-label={caption} class="labelled-cells">
            <thead>
              <tr>
                <th scope="col">Mineral</th>
                <th scope="col" class="numeric">
                  Price
                </th>
                <th scope="col" class="numeric">
                  Sale price
                </th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.mineralId}>
                  <td>
                    <a href={`/admin/minerals/${encodeURIComponent(r.mineralId)}`}>{r.name}</a>
                    {r.status !== 'published' && <span class="muted"> ({r.status})</span>}
                  </td>
                  <td class="numeric" data-label="Price">{formatCents(r.priceCents)}</td>
                  <td class="numeric" data-label="Sale price">
                    {formatCents(r.salePriceCents)} <span class="muted">({Math.round((100 * (r.priceCents - r.salePriceCents)) / r.priceCents)}% off)</span>
                  </td>
                  <td data-label="When">{when(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Sales() {
  const { data, error, loading } = useAsync((signal) => adminFetch<SalesData>('/api/admin/sales', { signal }), []);
  return (
    <>
      <h1 tabIndex={-1}>Sales</h1>
      <p class="muted">
        A flash sale is set on its mineral (open it, then “Flash sale”). A shopper pays the lowest of the list price, the sale price and any quantity break; a
        coupon then comes on top of that price. <a href="/admin/coupons">Coupons</a>
      </p>
      {loading && !data && <p aria-busy="true">Loading the sales…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && (
        <>
          <SaleTable caption="On sale now" rows={data.now} when={(r) => `Ends ${formatDateTime(r.endsAt)}`} />
          <SaleTable caption="Next" rows={data.next} when={(r) => `${formatDateTime(r.startsAt)} – ${formatDateTime(r.endsAt)}`} />
          <SaleTable caption="Ended in the last 30 days" rows={data.ended} when={(r) => `Ended ${formatDateTime(r.endsAt)}`} />
        </>
      )}
    </>
  );
}
