// The audit log (GET /api/admin/audit): every admin write, newest first — who, what, when, and the
// object it changed, linked. The server narrows the log to one kind of object and/or to your own
// changes; searching the table narrows what is loaded; older records load on demand. Each mineral's,
// order's, coupon's and customer's own page shows its history too.
import { useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch } from '../api';
import { adminName, who } from '../auth/session';
import { DataTable, type Column } from '../components/DataTable';
import { toast } from '../components/Toasts';

interface AuditRecord {
  id: string;
  objectType: string;
  objectId: string;
  action: string;
  by: { sub: string; email: string | null };
  at: string;
}
interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

const PAGE = 100;
const KINDS = [
  ['', 'Every kind'],
  ['mineral', 'Minerals and stock'],
  ['order', 'Orders and refunds'],
  ['coupon', 'Coupons'],
  ['review', 'Reviews'],
  ['customer', 'Customers'],
  ['campaign', 'Promotion mail'],
] as const;
const pageUrl = (kind: string, by: string | undefined, cursor?: string) =>
  `/api/admin/audit?limit=${PAGE}${kind ? `&objectType=${kind}` : ''}${by ? `&by=${encodeURIComponent(by)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
const OBJECT_PAGES: Record<string, string> = { order: '/admin/orders/', coupon: '/admin/coupons/', mineral: '/admin/minerals/', customer: '/admin/customers/', campaign: '/admin/promotions/' };
// A review has no page of its own: its record links to the moderation queue.
const objectHref = (r: AuditRecord) => (r.objectType === 'review' ? '/admin/reviews?status=all' : `${OBJECT_PAGES[r.objectType] ?? '/admin/minerals/'}${encodeURIComponent(r.objectId)}`);

const columns: Column<AuditRecord>[] = [
  { key: 'at', label: 'When', value: (r) => r.at, render: (r) => formatDateTime(r.at) },
  { key: 'by', label: 'Admin', value: (r) => adminName(r.by) },
  { key: 'action', label: 'What', value: (r) => r.action },
  { key: 'object', label: 'On', value: (r) => `${r.objectType} ${r.objectId}`, render: (r) => <a href={objectHref(r)}>{`${r.objectType} ${r.objectId}`}</a> },
];

export function AuditLog() {
  const [kind, setKind] = useState('');
  const [mineOnly, setMineOnly] = useState(false);
  const by = mineOnly ? who.value?.sub : undefined;
  const { data, error, loading, setData } = useAsync((signal) => adminFetch<AuditPage>(pageUrl(kind, by), { signal }), [kind, by]);
  const [busy, setBusy] = useState(false);
  const loadMore = async (cursor: string) => {
    setBusy(true);
    try {
      const next = await adminFetch<AuditPage>(pageUrl(kind, by, cursor));
      setData({ items: [...(data?.items ?? []), ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1 tabIndex={-1}>Audit log</h1>
      <p class="muted">Every change an admin made, newest first, recorded with the change itself.</p>
      <div class="filters">
        <label class="inline-field">
          Kind
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {KINDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="inline-field">
          <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.currentTarget.checked)} />
          Only my changes
        </label>
      </div>
      {loading && !data && <p aria-busy="true">Loading the audit log…</p>}
      {error ? <p class="form-error">{messageOf(error)}</p> : null}
      {data && <DataTable caption="Admin changes, newest first" rows={data.items} columns={columns} rowKey={(r) => r.id} searchLabel="Search by admin, kind or object" />}
      {data?.nextCursor && (
        <button type="button" disabled={busy} onClick={() => void loadMore(data.nextCursor!)}>
          Load older changes
        </button>
      )}
    </>
  );
}
