// The catalog as the dealer keeps it (GET /api/admin/minerals): every status, searched by name and
// filtered by category, status and stock, sorted by the server; the filters live in the address so
// a filtered list can be bookmarked.
import { useLocation } from 'preact-iso';
import { fetchJson, isUnavailable, messageOf } from '../../../src/api/http';
import type { Category } from '../../../src/api/types';
import { formatCents } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminMineralPage, type AdminMineralSummary } from '../api';
import { DataTable, type Column } from '../components/DataTable';
import { toast } from '../components/Toasts';

const FILTERS = {
  status: [
    ['', 'Any status'],
    ['draft', 'Draft'],
    ['published', 'Published'],
    ['archived', 'Archived'],
  ],
  stock: [
    ['', 'Any stock'],
    ['in_stock', 'In stock'],
    ['low', 'Low'],
    ['sold_out', 'Sold out'],
  ],
  sort: [
    ['name_asc', 'Name, A to Z'],
    ['name_desc', 'Name, Z to A'],
    ['updated_desc', 'Recently changed'],
  ],
} as const;
const PAGE_SIZE = 50;

const columns: Column<AdminMineralSummary>[] = [
  { key: 'name', label: 'Name', value: (m) => m.name, render: (m) => <a href={`/admin/minerals/${encodeURIComponent(m.id)}`}>{m.name}</a> },
  { key: 'status', label: 'Status', value: (m) => m.status },
  { key: 'category', label: 'Category', value: (m) => m.category },
  { key: 'price', label: 'Price', value: (m) => m.priceCents, render: (m) => formatCents(m.priceCents), numeric: true },
  { key: 'available', label: 'Available', value: (m) => m.available, numeric: true },
  { key: 'held', label: 'In carts', value: (m) => m.held, numeric: true },
  { key: 'inventory', label: 'Inventory', value: () => '', render: (m) => <a href={`/admin/minerals/${encodeURIComponent(m.id)}/inventory`} aria-label={`Inventory of ${m.name}`}>Inventory</a>, actions: true },
];

export function Minerals() {
  const { query, route } = useLocation();
  const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => ['q', 'category', 'status', 'stock', 'sort'].includes(k) && v !== ''));
  const key = params.toString();
  const categories = useAsync(() => fetchJson<{ items: Category[] }>('/api/categories'), []);
  const list = useAsync((signal) => adminFetch<AdminMineralPage>(`/api/admin/minerals?${key}${key ? '&' : ''}limit=${PAGE_SIZE}`, { signal }), [key]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    route(`/admin/minerals${next.size ? `?${next.toString()}` : ''}`, true);
  };
  const loadMore = async (cursor: string) => {
    try {
      const next = await adminFetch<AdminMineralPage>(`/api/admin/minerals?${key}${key ? '&' : ''}limit=${PAGE_SIZE}&cursor=${encodeURIComponent(cursor)}`);
      list.setData({ items: [...(list.data?.items ?? []), ...next.items], nextCursor: next.nextCursor });
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  const select = (name: keyof typeof FILTERS, label: string) => (
    <label class="inline-field">
      {label}
      <select value={query[name] ?? FILTERS[name][0][0]} onChange={(e) => setFilter(name, e.currentTarget.value)}>
        {FILTERS[name].map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <>
      <h1 tabIndex={-1}>Minerals</h1>
      <p>
        <a class="button-link" href="/admin/minerals/new">
          New mineral
        </a>
      </p>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', String(new FormData(e.currentTarget).get('q') ?? '').trim());
        }}
      >
        <label class="inline-field">
          Name starts with
          <input name="q" type="search" defaultValue={query.q ?? ''} />
        </label>
        <label class="inline-field">
          Category
          <select value={query.category ?? ''} onChange={(e) => setFilter('category', e.currentTarget.value)}>
            <option value="">Any category</option>
            {(categories.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {select('status', 'Status')}
        {select('stock', 'Stock')}
        {select('sort', 'Sort by')}
        <button type="submit">Search</button>
      </form>
      {list.loading && !list.data && <p aria-busy="true">Loading minerals…</p>}
      {list.error ? (
        <p class={isUnavailable(list.error) ? 'muted' : 'form-error'}>
          {isUnavailable(list.error) ? 'This server does not have the admin catalog API yet, so minerals cannot be listed here.' : messageOf(list.error)}
        </p>
      ) : null}
      {list.data && <DataTable caption="Minerals" rows={list.data.items} columns={columns} rowKey={(m) => m.id} />}
      {list.data?.nextCursor && (
        <button type="button" onClick={() => void loadMore(list.data!.nextCursor!)}>
          Load more minerals
        </button>
      )}
    </>
  );
}
