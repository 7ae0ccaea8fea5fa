// A mineral's inventory: its counters, receiving a delivery, adjusting the count with a reason (the
// API refuses to go below what carts hold), the ledger of every change (receipts and adjustments, and
// each order's sale and return), and the holds in carts now.
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { messageOf } from '../../../src/api/http';
import { formatCents, formatDateTime, pluralize } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminMineral, type LedgerEntry, type MineralHolds } from '../api';
import { adminName } from '../auth/session';
import { DataTable, type Column } from '../components/DataTable';
import { toast } from '../components/Toasts';

type Kind = 'receipt' | 'adjustment';
interface Change {
  kind: Kind;
  delta: string;
  reason: string;
  unitCost: string;
}

function problemsOf(c: Change): Partial<Record<keyof Change, string>> {
  const delta = Number(c.delta);
  const p: Partial<Record<keyof Change, string>> = {};
  if (!/^-?\d{1,6}$/.test(c.delta.trim()) || delta === 0 || Math.abs(delta) > 100_000) p.delta = 'Enter a whole number of units (not 0, at most 100,000).';
  else if (c.kind === 'receipt' && delta < 0) p.delta = 'A delivery adds units: enter more than 0 (use an adjustment to take units away).';
  if (c.kind === 'adjustment' && c.reason.trim() === '') p.reason = 'Say why (count correction, damage, loss…).';
  if (c.reason.trim().length > 500) p.reason = 'At most 500 characters.';
  if (c.unitCost.trim() !== '' && !/^\d{1,6}(\.\d{1,2})?$/.test(c.unitCost.trim())) p.unitCost = 'Enter a cost in dollars, like 4.20, or leave it empty.';
  return p;
}

const KINDS: Record<string, string> = { initial: 'Initial stock', receipt: 'Received', adjustment: 'Adjusted', sale: 'Sold', return: 'Returned' };

const ledgerColumns: Column<LedgerEntry>[] = [
  { key: 'at', label: 'When', value: (e) => e.at, render: (e) => formatDateTime(e.at) },
  { key: 'kind', label: 'What', value: (e) => KINDS[e.kind] ?? e.kind },
  { key: 'delta', label: 'Units', value: (e) => e.delta, render: (e) => (e.delta > 0 ? `+${e.delta}` : String(e.delta)), numeric: true },
  { key: 'reason', label: 'Reason', value: (e) => e.reason },
  { key: 'cost', label: 'Cost per unit', value: (e) => e.unitCostCents ?? -1, render: (e) => (e.unitCostCents === null ? '—' : formatCents(e.unitCostCents)), numeric: true },
  { key: 'by', label: 'By', value: (e) => (e.by ? adminName(e.by) : e.order ? `order ${e.order.number}` : 'seed') },
];

const holdColumns: Column<MineralHolds['lines'][number]>[] = [
  { key: 'cart', label: 'Cart', value: (l) => l.cartId },
  { key: 'quantity', label: 'Units', value: (l) => l.quantity, numeric: true },
  { key: 'expires', label: 'Held until', value: (l) => l.expiresAt, render: (l) => formatDateTime(l.expiresAt) },
];

export function Inventory() {
  const { params } = useRoute();
  const id = encodeURIComponent(params.id ?? '');
  const mineral = useAsync((signal) => adminFetch<AdminMineral>(`/api/admin/minerals/${id}`, { signal }), [id]);
  const ledger = useAsync((signal) => adminFetch<{ items: LedgerEntry[]; nextCursor: string | null }>(`/api/admin/minerals/${id}/ledger?limit=100`, { signal }), [id]);
  const holds = useAsync((signal) => adminFetch<MineralHolds>(`/api/admin/minerals/${id}/holds`, { signal }), [id]);
  const [change, setChange] = useState<Change>({ kind: 'receipt', delta: '', reason: '', unitCost: '' });
  const [touched, setTouched] = useState<Partial<Record<keyof Change, boolean>>>({});
  const [saving, setSaving] = useState(false);
  const problems = problemsOf(change);

  const field = (name: 'delta' | 'reason' | 'unitCost', label: string, extra: Record<string, string> = {}) => {
    const problem = touched[name] ? problems[name] : undefined;
    return (
      <label>
        {label}
        <input
          {...extra}
          value={change[name]}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? `stock-${name}-problem` : undefined}
          onInput={(e) => setChange({ ...change, [name]: e.currentTarget.value })}
          onBlur={() => setTouched({ ...touched, [name]: true })}
        />
        {problem && (
          <span class="form-error" id={`stock-${name}-problem`}>
            {problem}
          </span>
        )}
      </label>
    );
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTouched({ delta: true, reason: true, unitCost: true });
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      const body = {
        kind: change.kind,
        delta: Number(change.delta),
        ...(change.reason.trim() ? { reason: change.reason.trim() } : {}),
        ...(change.kind === 'receipt' && change.unitCost.trim() ? { unitCostCents: Math.round(Number(change.unitCost) * 100) } : {}),
      };
      const result = await adminFetch<{ mineral: AdminMineral; entry: LedgerEntry }>(`/api/admin/minerals/${id}/stock`, { method: 'POST', body });
      mineral.setData(result.mineral);
      ledger.setData({ items: [result.entry, ...(ledger.data?.items ?? [])], nextCursor: ledger.data?.nextCursor ?? null });
      toast('success', `${change.kind === 'receipt' ? 'Received' : 'Adjusted by'} ${pluralize(Number(change.delta), 'unit')}; ${result.mineral.available} available.`);
      setChange({ ...change, delta: '', reason: '', unitCost: '' });
      setTouched({});
    } catch (error) {
      toast('error', messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  if (mineral.error) return <p class="form-error">{messageOf(mineral.error)}</p>;
  const m = mineral.data;
  if (!m) return <p aria-busy="true">Loading the inventory…</p>;
  return (
    <>
      <p>
        <a href="/admin/minerals">← Minerals</a> · <a href={`/admin/minerals/${id}`}>Edit {m.name}</a>
      </p>
      <h1 tabIndex={-1}>Inventory of {m.name}</h1>
      <dl class="counters">
        {(
          [
            ['Available', m.available],
            ['In carts', m.held],
            ['Sold', m.sold],
            ['Returned', m.returned],
            ['Received', m.received],
          ] as const
        ).map(([label, value]) => (
          <div key={label} class="card">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section class="card" aria-labelledby="stock-heading">
        <h2 id="stock-heading">Receive or adjust stock</h2>
        <form noValidate onSubmit={(e) => void submit(e)}>
          <fieldset>
            <legend>What happened</legend>
            <label class="inline-field">
              <input type="radio" name="kind" checked={change.kind === 'receipt'} onChange={() => setChange({ ...change, kind: 'receipt' })} />
              A delivery arrived
            </label>
            <label class="inline-field">
              <input type="radio" name="kind" checked={change.kind === 'adjustment'} onChange={() => setChange({ ...change, kind: 'adjustment' })} />
              Correct the count (damage, loss, recount)
            </label>
          </fieldset>
          {field('delta', change.kind === 'receipt' ? 'Units received' : 'Units to add (negative to remove)', { inputMode: 'numeric' })}
          {change.kind === 'receipt' && field('unitCost', 'Cost per unit in dollars (optional)', { inputMode: 'decimal' })}
          {field('reason', change.kind === 'receipt' ? 'Note (optional)' : 'Reason', { maxLength: '500' })}
          <button type="submit" class="button-primary" disabled={saving}>
            {change.kind === 'receipt' ? 'Receive stock' : 'Adjust stock'}
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="holds-heading">
        <h2 id="holds-heading">Held in carts now</h2>
        {holds.error ? (
          <p class="form-error">{messageOf(holds.error)}</p>
        ) : holds.data ? (
          <>
            <p>
              {pluralize(holds.data.units, 'unit')} in {pluralize(holds.data.carts, 'cart')}
              {holds.data.earliestExpiry && `; the first hold lapses ${formatDateTime(holds.data.earliestExpiry)}`}.
            </p>
            {holds.data.lines.length > 0 && <DataTable caption="Holds" rows={holds.data.lines} columns={holdColumns} rowKey={(l) => l.cartId} />}
          </>
        ) : (
          <p aria-busy="true">Loading holds…</p>
        )}
      </section>
      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Ledger</h2>
        {ledger.error ? (
          <p class="form-error">{messageOf(ledger.error)}</p>
        ) : ledger.data ? (
          <DataTable caption="Ledger entries, newest first" rows={ledger.data.items} columns={ledgerColumns} rowKey={(e) => e.id} searchLabel="Search the ledger" />
        ) : (
          <p aria-busy="true">Loading the ledger…</p>
        )}
      </section>
    </>
  );
}
