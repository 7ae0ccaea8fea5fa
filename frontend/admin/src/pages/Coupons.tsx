// Coupons (GET /api/admin/coupons): every coupon by code with what it gives, its state now, its uses
// against its limit and its window. A code opens the coupon (its orders, its edits); "New coupon" makes one.
import { useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminCoupon } from '../api';
import { DataTable, type Column } from '../components/DataTable';
import { toast } from '../components/Toasts';

interface CouponPage {
  items: AdminCoupon[];
  nextCursor: string | null;
}

const PAGE = 100;
const pageUrl = (cursor?: string) => `/api/admin/coupons?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

export const COUPON_STATE_TEXT: Record<AdminCoupon['state'], string> = { scheduled: 'Scheduled', active: 'Active', 'used-up': 'Used up', ended: 'Ended' };

export function couponWindow(c: Pick<AdminCoupon, 'startsAt' | 'endsAt'>): string {
  if (!c.startsAt && !c.endsAt) return 'Always';
  if (!c.endsAt) return `From ${formatDateTime(c.startsAt!)}`;
  if (!c.startsAt) return `Until ${formatDateTime(c.endsAt)}`;
  return `${formatDateTime(c.startsAt)} – ${formatDateTime(c.endsAt)}`;
}

const columns: Column<AdminCoupon>[] = [
  { key: 'code', label: 'Code', value: (c) => c.code, render: (c) => <a href={`/admin/coupons/${encodeURIComponent(c.code)}`}>{c.code}</a> },
  { key: 'gives', label: 'Gives', value: (c) => c.description },
  { key: 'state', label: 'State', value: (c) => COUPON_STATE_TEXT[c.state], render: (c) => <span class={`badge badge-${c.state}`}>{COUPON_STATE_TEXT[c.state]}</span> },
  { key: 'uses', label: 'Uses', numeric: true, value: (c) => c.redemptions, render: (c) => (c.maxRedemptions === null ? String(c.redemptions) : `${c.redemptions} of ${c.maxRedemptions}`) },
  { key: 'window', label: 'Valid', value: (c) => c.startsAt ?? c.endsAt ?? '', render: couponWindow },
];

export function Coupons() {
  const { data, error, loading, setData } = useAsync((signal) => adminFetch<CouponPage>(pageUrl(), { signal }), []);
  const [busy, setBusy] = useState(false);
  const loadMore = async (cursor: string) => {
    setBusy(true);
    try {
      const next = await adminFetch<CouponPage>(pageUrl(cursor));
      setData({ items: [...(data?.items ?? []), ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Coupons</h1>
      <p>
        <a class="button-link button-primary" href="/admin/coupons/new">
          New coupon
        </a>{' '}
        <a href="/admin/sales">What is on sale</a>
      </p>
      {loading && !data && <p aria-busy="true">Loading the coupons…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && data.items.length === 0 && <p>No coupons yet.</p>}
      {data && data.items.length > 0 && <DataTable caption="Coupons by code" rows={data.items} columns={columns} rowKey={(c) => c.code} searchLabel="Search coupons" />}
      {data?.nextCursor && (
        <button type="button" disabled={busy} onClick={() => void loadMore(data.nextCursor!)}>
          Load more coupons
        </button>
      )}
    </>
  );
}
