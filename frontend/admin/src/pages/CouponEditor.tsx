// Making and editing a coupon (POST / PATCH /api/admin/coupons): what it gives, on what, from when to
// when, how often; checked as typed with the API's own limits, with the pricing engine's rules beside
// the form. An existing coupon shows its uses, the orders that used it and its history, and can be
// ended now. An edit sends what changed with the editedAt read: another admin's edit meanwhile is a
// conflict that shows the coupon as it is now.
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchJson, messageOf } from '../../../src/api/http';
import type { Category } from '../../../src/api/types';
import { formatCents, formatDateTime, orderStatusText } from '../../../src/lib/format';
import { useAsync } from '../../../src/lib/useAsync';
import { COUPON_RULES } from '../../../../shared/domain/couponRules';
import { adminFetch, type AdminCouponDetail, type CouponBenefit } from '../api';
import { ConfirmButton } from '../components/Confirm';
import { History } from '../components/History';
import { MineralPicker } from '../components/MineralPicker';
import { toast } from '../components/Toasts';
import { COUPON_STATE_TEXT, couponWindow } from './Coupons';

interface Form {
  code: string;
  kind: CouponBenefit['kind'];
  amount: string;
  minimum: string;
  startsAt: string;
  endsAt: string;
  maxRedemptions: string;
  maxPerCustomer: string;
  categories: string[];
  minerals: Array<{ id: string; name: string }>;
}
type Problems = Partial<Record<keyof Form, string>>;

const EMPTY: Form = { code: '', kind: 'percent', amount: '', minimum: '', startsAt: '', endsAt: '', maxRedemptions: '', maxPerCustomer: '', categories: [], minerals: [] };

const dollars = (cents: number) => (cents / 100).toFixed(2);
const toCents = (text: string) => Math.round(Number(text) * 100);
const isMoney = (t: string) => /^\d{1,7}(\.\d{1,2})?$/.test(t.trim());
const isWhole = (t: string) => /^\d{1,7}$/.test(t.trim());
/** `datetime-local` wants local time without a zone; the API wants ISO-8601 with one. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

function formOf(c: AdminCouponDetail): Form {
  const b = c.benefit;
  return {
    code: c.code,
    kind: b.kind,
    amount: b.kind === 'percent' ? String(b.bp / 100) : b.kind === 'fixed' ? dollars(b.amountCents) : '',
    minimum: c.minSubtotalCents > 0 ? dollars(c.minSubtotalCents) : '',
    startsAt: toLocalInput(c.startsAt),
    endsAt: toLocalInput(c.endsAt),
    maxRedemptions: c.maxRedemptions === null ? '' : String(c.maxRedemptions),
    maxPerCustomer: c.maxRedemptionsPerCustomer === null ? '' : String(c.maxRedemptionsPerCustomer),
    categories: c.categories,
    minerals: c.minerals,
  };
}

function problemsOf(f: Form, creating: boolean): Problems {
  const p: Problems = {};
  if (creating && !/^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/.test(f.code.trim())) p.code = '3 to 32 letters, digits or hyphens, starting with a letter or digit.';
  if (f.kind === 'percent') {
    const n = Number(f.amount);
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(f.amount.trim()) || n < 0.01 || n > 100) p.amount = 'Enter a percentage from 0.01 to 100.';
  }
  if (f.kind === 'fixed' && (!isMoney(f.amount) || toCents(f.amount) < 1)) p.amount = 'Enter an amount in dollars, like 10 or 12.50.';
  if (f.minimum.trim() && !isMoney(f.minimum)) p.minimum = 'Enter an amount in dollars, or leave it empty for none.';
  else if (f.kind === 'fixed' && !p.amount && f.minimum.trim() && toCents(f.minimum) > 0 && toCents(f.amount) > toCents(f.minimum)) {
    p.minimum = 'A minimum below the amount gives some orders their goods free: raise it or lower the amount.';
  }
  if (f.startsAt && f.endsAt && new Date(f.startsAt).getTime() >= new Date(f.endsAt).getTime()) p.endsAt = 'The coupon must end after it starts.';
  for (const key of ['maxRedemptions', 'maxPerCustomer'] as const) {
    if (f[key].trim() && (!isWhole(f[key]) || Number(f[key]) < 1)) p[key] = 'A whole number, 1 or more; empty for no limit.';
  }
  if (!p.maxRedemptions && !p.maxPerCustomer && f.maxRedemptions.trim() && f.maxPerCustomer.trim() && Number(f.maxPerCustomer) > Number(f.maxRedemptions)) {
    p.maxPerCustomer = 'Cannot be more than the total uses.';
  }
  return p;
}

function rulesOf(f: Form) {
  const benefit: CouponBenefit =
    f.kind === 'percent' ? { kind: 'percent', bp: Math.round(Number(f.amount) * 100) } : f.kind === 'fixed' ? { kind: 'fixed', amountCents: toCents(f.amount) } : { kind: 'free-shipping' };
  return {
    benefit,
    minSubtotalCents: f.minimum.trim() ? toCents(f.minimum) : 0,
    startsAt: f.startsAt ? new Date(f.startsAt).toISOString() : null,
    endsAt: f.endsAt ? new Date(f.endsAt).toISOString() : null,
    maxRedemptions: f.maxRedemptions.trim() ? Number(f.maxRedemptions) : null,
    maxRedemptionsPerCustomer: f.maxPerCustomer.trim() ? Number(f.maxPerCustomer) : null,
    categories: f.categories,
    mineralIds: f.minerals.map((m) => m.id),
  };
}

/** Only what differs from what was read: an edit never rewrites what the admin left alone. */
function changesOf(before: ReturnType<typeof rulesOf>, after: ReturnType<typeof rulesOf>) {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])));
}

export function CouponEditor() {
  const { params } = useRoute();
  const { route } = useLocation();
  const code = params.code;
  const creating = code === undefined;
  const categories = useAsync(() => fetchJson<{ items: Category[] }>('/api/categories'), []);
  const loaded = useAsync((signal) => (creating ? Promise.resolve(undefined) : adminFetch<AdminCouponDetail>(`/api/admin/coupons/${encodeURIComponent(code)}`, { signal })), [code]);
  const [coupon, setCoupon] = useState<AdminCouponDetail | undefined>(undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>(undefined);

  const show = (c: AdminCouponDetail) => {
    setCoupon(c);
    setForm(formOf(c));
    setSubmitted(false);
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  const problems = problemsOf(form, creating);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const problemText = (key: keyof Form) =>
    submitted && problems[key] ? (
      <span class="form-error" id={`coupon-${key}-problem`}>
        {problems[key]}
      </span>
    ) : null;
  const describe = (key: keyof Form) => (submitted && problems[key] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `coupon-${key}-problem` } : {});
  const field = (key: 'code' | 'amount' | 'minimum' | 'startsAt' | 'endsAt' | 'maxRedemptions' | 'maxPerCustomer', label: string, extra: Record<string, string> = {}) => (
    <label>
      {label}
      <input {...extra} value={form[key]} {...describe(key)} onInput={(e) => set({ [key]: e.currentTarget.value })} />
      {problemText(key)}
    </label>
  );

  /** A stale edit: say so and show the coupon as it is now. */
  const onError = (error: unknown) => {
    setServerError(messageOf(error));
    toast('error', messageOf(error));
    if (error instanceof ApiError && error.code === 'stale_coupon' && coupon) {
      void adminFetch<AdminCouponDetail>(`/api/admin/coupons/${encodeURIComponent(coupon.code)}`).then(show, () => undefined);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setSubmitted(true);
    setServerError(undefined);
    if (Object.keys(problems).length > 0) {
      toast('error', 'Some fields need a look before saving.');
      return;
    }
    setSaving(true);
    try {
      if (creating) {
        const made = await adminFetch<AdminCouponDetail>('/api/admin/coupons', { method: 'POST', body: { code: form.code.trim(), ...rulesOf(form) } });
        toast('success', `Coupon ${made.code} created.`);
        route(`/admin/coupons/${encodeURIComponent(made.code)}`);
      } else if (coupon) {
        const changes = changesOf(rulesOf(formOf(coupon)), rulesOf(form));
        if (Object.keys(changes).length === 0) {
          toast('success', 'Nothing changed.');
          return;
        }
        const saved = await adminFetch<AdminCouponDetail>(`/api/admin/coupons/${encodeURIComponent(coupon.code)}`, { method: 'PATCH', body: { ...changes, expectedEditedAt: coupon.editedAt } });
        show(saved);
        toast('success', `Coupon ${saved.code} saved.`);
      }
    } catch (error) {
      onError(error);
    } finally {
      setSaving(false);
    }
  };

  const endNow = async () => {
    if (!coupon) return;
    try {
      const saved = await adminFetch<AdminCouponDetail>(`/api/admin/coupons/${encodeURIComponent(coupon.code)}`, {
        method: 'PATCH',
        body: { endsAt: new Date().toISOString(), expectedEditedAt: coupon.editedAt },
      });
      show(saved);
      toast('success', `Coupon ${saved.code} ended.`);
    } catch (error) {
      onError(error);
    }
  };

  if (!creating && loaded.error) return <p class="form-error">{messageOf(loaded.error)}</p>;
  if (!creating && !coupon) return <p aria-busy="true">Loading the coupon…</p>;

  return (
    <>
      <p>
        <a href="/admin/coupons">← Coupons</a>
      </p>
      <h1 tabIndex={-1}>{creating ? 'New coupon' : `Coupon ${coupon?.code ?? ''}`}</h1>
      {coupon && <Summary coupon={coupon} onEnd={() => void endNow()} />}
      <div class="columns">
        <form class="editor" noValidate onSubmit={(e) => void save(e)}>
          <section class="card">
            <h2>{creating ? 'What it gives' : 'Edit its rules'}</h2>
            {creating && field('code', 'Code (shoppers type it in any case)', { maxLength: '32', autocapitalize: 'characters' })}
            <label>
              Gives
              <select value={form.kind} onChange={(e) => set({ kind: e.currentTarget.value as Form['kind'], amount: '' })}>
                <option value="percent">A percentage off the goods</option>
                <option value="fixed">An amount off the goods</option>
                <option value="free-shipping">Free standard shipping</option>
              </select>
            </label>
            {form.kind !== 'free-shipping' && field('amount', form.kind === 'percent' ? 'Percent off' : 'Dollars off', { inputMode: 'decimal' })}
            {field('minimum', 'Minimum order in dollars (of what it applies to; optional)', { inputMode: 'decimal' })}
            <fieldset>
              <legend>Categories it applies to (none ticked: every category)</legend>
              <div class="filters">
                {(categories.data?.items ?? []).map((c) => (
                  <label key={c.id} class="inline-field">
                    <input
                      type="checkbox"
                      checked={form.categories.includes(c.id)}
                      onChange={(e) => set({ categories: e.currentTarget.checked ? [...form.categories, c.id] : form.categories.filter((x) => x !== c.id) })}
                    />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <MineralPicker legend="Specimens it applies to (optional)" chosen={form.minerals} onChange={(minerals) => set({ minerals })} />
            <div class="filters">
              {field('startsAt', 'Starts (optional)', { type: 'datetime-local' })}
              {field('endsAt', 'Ends (optional)', { type: 'datetime-local' })}
            </div>
            <div class="filters">
              {field('maxRedemptions', 'Total uses (empty: no limit)', { inputMode: 'numeric', size: '8' })}
              {field('maxPerCustomer', 'Uses per customer (empty: no limit)', { inputMode: 'numeric', size: '8' })}
            </div>
            {serverError && (
              <p class="form-error" role="alert">
                {serverError}
              </p>
            )}
            <button type="submit" class="button-primary" disabled={saving}>
              {creating ? 'Create coupon' : 'Save changes'}
            </button>
          </section>
        </form>
        <section class="card" aria-labelledby="coupon-rules">
          <h2 id="coupon-rules">How checkout applies a coupon</h2>
          <ul class="rules">
            {COUPON_RULES.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </section>
      </div>
      {coupon && <History objectType="coupon" objectId={coupon.code} version={coupon.editedAt} describe={(r) => (r.action === 'coupon.create' ? 'created' : 'edited')} />}
    </>
  );
}

function Summary({ coupon, onEnd }: { coupon: AdminCouponDetail; onEnd: () => void }) {
  return (
    <>
      <section class="card" aria-label="The coupon now">
        <p>
          <span class={`badge badge-${coupon.state}`}>{COUPON_STATE_TEXT[coupon.state]}</span> {coupon.description}
          {coupon.minSubtotalCents > 0 && ` · orders of ${formatCents(coupon.minSubtotalCents)} or more`} · {couponWindow(coupon)}
        </p>
        <p>
          Used {coupon.redemptions} {coupon.redemptions === 1 ? 'time' : 'times'}
          {coupon.maxRedemptions !== null && ` of ${coupon.maxRedemptions}`}
          {coupon.maxRedemptionsPerCustomer !== null && ` · at most ${coupon.maxRedemptionsPerCustomer} per customer`}
        </p>
        {coupon.state !== 'ended' && (
          <ConfirmButton label="End now" question={`End coupon ${coupon.code} now?`} confirmLabel="End it" onConfirm={onEnd}>
            <p>Orders placed from now on cannot use it. Orders that already did keep their discount.</p>
          </ConfirmButton>
        )}
      </section>
      <section class="card">
        <h2>Orders that used it</h2>
        {coupon.orders.length === 0 ? (
          <p class="muted">None yet.</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="numeric">
                    Discount
                  </th>
                  <th scope="col" class="numeric">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {coupon.orders.map((o) => (
                  <tr key={o.orderId}>
                    <td>
                      <a href={`/admin/orders/${encodeURIComponent(o.orderId)}`}>{o.number}</a>
                    </td>
                    <td>{formatDateTime(o.createdAt)}</td>
                    <td>{o.email}</td>
                    <td>{orderStatusText(o.status)}</td>
                    <td class="numeric">{formatCents(o.discountCents)}</td>
                    <td class="numeric">{formatCents(o.totalCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {coupon.moreCustomers && <p class="muted">More than 200 customers used it; the first 200 are shown.</p>}
      </section>
    </>
  );
}
