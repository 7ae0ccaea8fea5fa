// Customers (GET /api/admin/customers): one search box finds shoppers by the start of their email
// address or of their name; each opens the customer's page.
import { useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { formatDateTime } from '../../../src/lib/format';
import { adminFetch, type AdminUser } from '../api';
import { DataTable, type Column } from '../components/DataTable';

interface UserPage {
  items: AdminUser[];
  nextCursor: string | null;
}

const columns: Column<AdminUser>[] = [
  { key: 'name', label: 'Name', value: (u) => u.name || u.username, render: (u) => <a href={`/admin/customers/${encodeURIComponent(u.userId)}`}>{u.name || u.username}</a> },
  { key: 'email', label: 'Email', value: (u) => u.email },
  { key: 'since', label: 'Customer since', value: (u) => u.createdAt, render: (u) => formatDateTime(u.createdAt) },
  { key: 'state', label: 'Account', value: (u) => (u.disabled ? 'Disabled' : 'Active'), render: (u) => <span class={`badge${u.disabled ? '' : ' badge-active'}`}>{u.disabled ? 'Disabled' : 'Active'}</span> },
];

export function Customers() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<AdminUser[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const search = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const term = encodeURIComponent(q.trim());
      // An address is searched by email only; anything else by name and by email, the two merged.
      const pages = await Promise.all([
        adminFetch<UserPage>(`/api/admin/customers?email=${term}&limit=50`),
        ...(q.includes('@') || !q.trim() ? [] : [adminFetch<UserPage>(`/api/admin/customers?name=${term}&limit=50`)]),
      ]);
      const seen = new Map<string, AdminUser>();
      for (const page of pages) for (const u of page.items) seen.set(u.userId, u);
      setFound([...seen.values()]);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Customers</h1>
      <form class="filters" role="search" onSubmit={(e) => void search(e)}>
        <label class="inline-field">
          Email or name starts with
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button-primary" disabled={busy}>
          Search
        </button>
      </form>
      {error && <p class="form-error">{error}</p>}
      {found === undefined && <p class="muted">Search by the start of an email address or a name; search with nothing typed to list everyone by email.</p>}
      {found && found.length === 0 && <p>Nobody found.</p>}
      {found && found.length > 0 && <DataTable caption="Customers found" rows={found} columns={columns} rowKey={(u) => u.userId} />}
    </>
  );
}
