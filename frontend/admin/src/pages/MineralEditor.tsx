// Creating and editing a mineral: every field a shopper sees, checked as it is typed with the API's
// own limits (shared/http/schemas/adminCatalog.ts), then sent as one POST or one PATCH of what changed
// (with the updatedAt read, so a change made meanwhile by someone else is not overwritten).
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { fetchJson, messageOf } from '../../../src/api/http';
import type { Category } from '../../../src/api/types';
import { useAsync } from '../../../src/lib/useAsync';
import { adminFetch, type AdminMineral, type Markdown } from '../api';
import { Photos } from '../components/Photos';
import { toast } from '../components/Toasts';

type MarkdownForm = { kind: Markdown['kind']; amount: string };
interface Form {
  name: string;
  category: string;
  description: string;
  quality: string;
  origin: string;
  mohsHardness: string;
  weightGrams: string;
  lengthMm: string;
  widthMm: string;
  heightMm: string;
  price: string;
  lowStockThreshold: string;
  flashSaleOn: boolean;
  flashSale: MarkdownForm;
  startsAt: string;
  endsAt: string;
  tiers: Array<{ minQuantity: string; markdown: MarkdownForm }>;
  status: AdminMineral['status'];
  featured: boolean;
  initialStock: string;
}
type Problems = Partial<Record<string, string>>;

const EMPTY: Form = {
  name: '', category: '', description: '', quality: '', origin: '', mohsHardness: '', weightGrams: '', lengthMm: '', widthMm: '', heightMm: '',
  price: '', lowStockThreshold: '1', flashSaleOn: false, flashSale: { kind: 'price', amount: '' }, startsAt: '', endsAt: '', tiers: [],
  status: 'draft', featured: false, initialStock: '0',
};

const dollars = (cents: number) => (cents / 100).toFixed(2);
const toCents = (text: string) => Math.round(Number(text) * 100);
/** `datetime-local` wants local time without a zone; the API wants ISO-8601 with one. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const markdownForm = (m: Markdown): MarkdownForm => (m.kind === 'price' ? { kind: 'price', amount: dollars(m.unitPriceCents) } : { kind: 'percent-off', amount: String(m.bp / 100) });
const markdownOf = (f: MarkdownForm): Markdown => (f.kind === 'price' ? { kind: 'price', unitPriceCents: toCents(f.amount) } : { kind: 'percent-off', bp: Math.round(Number(f.amount) * 100) });

function formOf(m: AdminMineral): Form {
  return {
    name: m.name, category: m.category, description: m.description, quality: m.quality, origin: m.origin,
    mohsHardness: String(m.mohsHardness), weightGrams: String(m.weightGrams),
    lengthMm: m.dimensions ? String(m.dimensions.lengthMm) : '', widthMm: m.dimensions ? String(m.dimensions.widthMm) : '', heightMm: m.dimensions ? String(m.dimensions.heightMm) : '',
    price: dollars(m.priceCents), lowStockThreshold: String(m.lowStockThreshold),
    flashSaleOn: m.flashSale !== null, flashSale: m.flashSale ? markdownForm(m.flashSale.markdown) : EMPTY.flashSale,
    startsAt: m.flashSale ? toLocalInput(m.flashSale.startsAt) : '', endsAt: m.flashSale ? toLocalInput(m.flashSale.endsAt) : '',
    tiers: m.bulkTiers.map((t) => ({ minQuantity: String(t.minQuantity), markdown: markdownForm(t.markdown) })),
    status: m.status, featured: m.featured, initialStock: '0',
  };
}

const isMoney = (t: string) => /^\d{1,6}(\.\d{1,2})?$/.test(t.trim());
const isWhole = (t: string) => /^\d{1,7}$/.test(t.trim());
const isNumber = (t: string) => t.trim() !== '' && Number.isFinite(Number(t));

function markdownProblem(f: MarkdownForm): string | undefined {
  if (f.kind === 'price') return isMoney(f.amount) && toCents(f.amount) > 0 ? undefined : 'Enter a price in dollars, like 12.50.';
  const percent = Number(f.amount);
  return isNumber(f.amount) && percent >= 0.01 && percent <= 100 ? undefined : 'Enter a percentage from 0.01 to 100.';
}

function problemsOf(f: Form): Problems {
  const p: Problems = {};
  const text = (key: 'name' | 'description' | 'quality' | 'origin', label: string, max: number) => {
    if (f[key].trim() === '') p[key] = `Enter the ${label}.`;
    else if (f[key].trim().length > max) p[key] = `At most ${max} characters.`;
  };
  text('name', 'name', 120);
  if (!f.category) p.category = 'Choose a category.';
  text('description', 'description', 5000);
  text('quality', 'quality notes', 2000);
  text('origin', 'locality', 200);
  const hardness = Number(f.mohsHardness);
  if (!isNumber(f.mohsHardness) || hardness < 1 || hardness > 10) p.mohsHardness = 'Enter a Mohs hardness from 1 to 10.';
  if (!isWhole(f.weightGrams) || Number(f.weightGrams) < 1 || Number(f.weightGrams) > 1_000_000) p.weightGrams = 'Enter whole grams, from 1 to 1,000,000.';
  const sizes = [f.lengthMm, f.widthMm, f.heightMm];
  if (sizes.some((s) => s.trim() !== '') && !sizes.every((s) => isNumber(s) && Number(s) > 0 && Number(s) <= 10_000)) {
    p.dimensions = 'Give all three sizes in millimetres (more than 0, at most 10,000), or none.';
  }
  if (!isMoney(f.price) || toCents(f.price) < 1) p.price = 'Enter a price in dollars, like 120 or 89.50.';
  if (!isWhole(f.lowStockThreshold) || Number(f.lowStockThreshold) > 10_000) p.lowStockThreshold = 'Enter a whole number from 0 to 10,000.';
  if (f.flashSaleOn) {
    const problem = markdownProblem(f.flashSale);
    if (problem) p.flashSale = problem;
    if (!f.startsAt || !f.endsAt) p.flashSaleWindow = 'Give the sale’s start and end.';
    else if (new Date(f.startsAt).getTime() >= new Date(f.endsAt).getTime()) p.flashSaleWindow = 'The sale must end after it starts.';
  }
  f.tiers.forEach((t, i) => {
    if (!isWhole(t.minQuantity) || Number(t.minQuantity) < 2 || Number(t.minQuantity) > 1000) p[`tier${i}`] = 'The quantity must be a whole number from 2 to 1,000.';
    else {
      const problem = markdownProblem(t.markdown);
      if (problem) p[`tier${i}`] = problem;
    }
  });
  if (!isWhole(f.initialStock) || Number(f.initialStock) > 100_000) p.initialStock = 'Enter a whole number from 0 to 100,000.';
  return p;
}

function bodyOf(f: Form) {
  return {
    name: f.name.trim(), category: f.category, description: f.description.trim(), quality: f.quality.trim(), origin: f.origin.trim(),
    mohsHardness: Number(f.mohsHardness), weightGrams: Number(f.weightGrams),
    dimensions: f.lengthMm.trim() ? { lengthMm: Number(f.lengthMm), widthMm: Number(f.widthMm), heightMm: Number(f.heightMm) } : null,
    priceCents: toCents(f.price), lowStockThreshold: Number(f.lowStockThreshold),
    flashSale: f.flashSaleOn ? { markdown: markdownOf(f.flashSale), startsAt: new Date(f.startsAt).toISOString(), endsAt: new Date(f.endsAt).toISOString() } : null,
    bulkTiers: f.tiers.map((t) => ({ minQuantity: Number(t.minQuantity), markdown: markdownOf(t.markdown) })),
    status: f.status, featured: f.featured,
  };
}

/** Only the fields that differ from what was read: a PATCH never rewrites what the admin left alone. */
function changesOf(before: ReturnType<typeof bodyOf>, after: ReturnType<typeof bodyOf>) {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof typeof before])));
}

export function MineralEditor() {
  const { params } = useRoute();
  const { route } = useLocation();
  const id = params.id;
  const creating = id === undefined;
  const categories = useAsync(() => fetchJson<{ items: Category[] }>('/api/categories'), []);
  const loaded = useAsync((signal) => (creating ? Promise.resolve(undefined) : adminFetch<AdminMineral>(`/api/admin/minerals/${encodeURIComponent(id)}`, { signal })), [id]);
  const [mineral, setMineral] = useState<AdminMineral | undefined>(undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (loaded.data) {
      setMineral(loaded.data);
      setForm(formOf(loaded.data));
    }
  }, [loaded.data]);

  const problems = problemsOf(form);
  const shown = (key: string) => (submitted || touched[key] ? problems[key] : undefined);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const touch = (key: string) => () => setTouched({ ...touched, [key]: true });

  const problemText = (key: string) => {
    const problem = shown(key);
    return problem ? (
      <span class="form-error" id={`mineral-${key}-problem`}>
        {problem}
      </span>
    ) : null;
  };
  const describe = (key: string) => (shown(key) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `mineral-${key}-problem` } : {});
  const input = (key: keyof Form & string, label: string, extra: Record<string, string> = {}, problemKey: string = key) => (
    <label>
      {label}
      <input {...extra} value={form[key] as string} {...describe(problemKey)} onInput={(e) => set({ [key]: e.currentTarget.value })} onBlur={touch(problemKey)} />
      {problemKey === key && problemText(key)}
    </label>
  );
  const textarea = (key: 'description' | 'quality', label: string) => (
    <label>
      {label}
      <textarea rows={key === 'description' ? 5 : 3} value={form[key]} {...describe(key)} onInput={(e) => set({ [key]: e.currentTarget.value })} onBlur={touch(key)} />
      {problemText(key)}
    </label>
  );
  const markdownFields = (value: MarkdownForm, onChange: (m: MarkdownForm) => void, key: string, label: string) => (
    <div class="filters">
      <label class="inline-field">
        {label}
        <select value={value.kind} onChange={(e) => onChange({ ...value, kind: e.currentTarget.value as Markdown['kind'] })}>
          <option value="price">Price ($)</option>
          <option value="percent-off">Percent off</option>
        </select>
      </label>
      <label class="inline-field">
        {value.kind === 'price' ? 'Price in dollars' : 'Percent off'}
        <input inputMode="decimal" size={8} value={value.amount} {...describe(key)} onInput={(e) => onChange({ ...value, amount: e.currentTarget.value })} onBlur={touch(key)} />
      </label>
    </div>
  );

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
        const created = await adminFetch<AdminMineral>('/api/admin/minerals', { method: 'POST', body: { ...bodyOf(form), initialStock: Number(form.initialStock) } });
        toast('success', `${created.name} created.`);
        route(`/admin/minerals/${encodeURIComponent(created.id)}`);
      } else if (mineral) {
        const changes = changesOf(bodyOf(formOf(mineral)), bodyOf(form));
        if (Object.keys(changes).length === 0) {
          toast('success', 'Nothing changed.');
          return;
        }
        const updated = await adminFetch<AdminMineral>(`/api/admin/minerals/${encodeURIComponent(mineral.id)}`, {
          method: 'PATCH',
          body: { ...changes, expectedUpdatedAt: mineral.updatedAt },
        });
        setMineral(updated);
        setForm(formOf(updated));
        setSubmitted(false);
        setTouched({});
        toast('success', `${updated.name} saved.`);
      }
    } catch (error) {
      setServerError(messageOf(error));
      toast('error', messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  if (!creating && loaded.error) return <p class="form-error">{messageOf(loaded.error)}</p>;
  if (!creating && !mineral) return <p aria-busy="true">Loading the mineral…</p>;

  return (
    <>
      <p>
        <a href="/admin/minerals">← Minerals</a>
        {mineral && (
          <>
            {' · '}
            <a href={`/admin/minerals/${encodeURIComponent(mineral.id)}/inventory`}>Inventory of {mineral.name}</a>
          </>
        )}
      </p>
      <h1 tabIndex={-1}>{creating ? 'New mineral' : `Edit ${mineral?.name ?? ''}`}</h1>
      <form class="editor" noValidate onSubmit={(e) => void save(e)}>
        <section class="card">
          <h2>Description</h2>
          {input('name', 'Name', { maxLength: '120' })}
          <label>
            Category
            <select value={form.category} {...describe('category')} onChange={(e) => set({ category: e.currentTarget.value })} onBlur={touch('category')}>
              <option value="">Choose a category</option>
              {(categories.data?.items ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {problemText('category')}
          </label>
          {textarea('description', 'Description')}
          {textarea('quality', 'Quality notes (clarity, damage, repairs, matrix, grade)')}
          {input('origin', 'Locality', { maxLength: '200' })}
        </section>
        <section class="card">
          <h2>Specimen</h2>
          {input('mohsHardness', 'Mohs hardness', { inputMode: 'decimal' })}
          {input('weightGrams', 'Weight (grams)', { inputMode: 'numeric' })}
          <fieldset>
            <legend>Dimensions in mm (length × width × height, optional)</legend>
            <div class="filters">
              {input('lengthMm', 'Length', { inputMode: 'decimal', size: '6' }, 'dimensions')}
              {input('widthMm', 'Width', { inputMode: 'decimal', size: '6' }, 'dimensions')}
              {input('heightMm', 'Height', { inputMode: 'decimal', size: '6' }, 'dimensions')}
            </div>
            {problemText('dimensions')}
          </fieldset>
        </section>
        <section class="card">
          <h2>Price and stock</h2>
          {input('price', 'Price in dollars', { inputMode: 'decimal' })}
          {input('lowStockThreshold', 'Low stock at or below (units)', { inputMode: 'numeric' })}
          {creating && input('initialStock', 'Units on hand now', { inputMode: 'numeric' })}
          <fieldset>
            <legend>Flash sale</legend>
            <label class="inline-field">
              <input type="checkbox" checked={form.flashSaleOn} onChange={(e) => set({ flashSaleOn: e.currentTarget.checked })} />
              On sale for a while
            </label>
            {form.flashSaleOn && (
              <>
                {markdownFields(form.flashSale, (m) => set({ flashSale: m }), 'flashSale', 'Sale')}
                {problemText('flashSale')}
                <div class="filters">
                  {input('startsAt', 'Starts', { type: 'datetime-local' }, 'flashSaleWindow')}
                  {input('endsAt', 'Ends', { type: 'datetime-local' }, 'flashSaleWindow')}
                </div>
                {problemText('flashSaleWindow')}
              </>
            )}
          </fieldset>
          <fieldset>
            <legend>Quantity breaks</legend>
            {form.tiers.map((tier, i) => (
              <div key={i} class="tier">
                <label class="inline-field">
                  From units
                  <input
                    inputMode="numeric"
                    size={5}
                    value={tier.minQuantity}
                    {...describe(`tier${i}`)}
                    onInput={(e) => set({ tiers: form.tiers.map((t, j) => (j === i ? { ...t, minQuantity: e.currentTarget.value } : t)) })}
                    onBlur={touch(`tier${i}`)}
                  />
                </label>
                {markdownFields(tier.markdown, (m) => set({ tiers: form.tiers.map((t, j) => (j === i ? { ...t, markdown: m } : t)) }), `tier${i}`, 'Break')}
                <button type="button" onClick={() => set({ tiers: form.tiers.filter((_, j) => j !== i) })}>
                  Remove this break
                </button>
                {problemText(`tier${i}`)}
              </div>
            ))}
            {form.tiers.length < 10 && (
              <button type="button" onClick={() => set({ tiers: [...form.tiers, { minQuantity: '', markdown: { kind: 'percent-off', amount: '' } }] })}>
                Add a quantity break
              </button>
            )}
          </fieldset>
        </section>
        <section class="card">
          <h2>Publishing</h2>
          <label>
            Status
            <select value={form.status} onChange={(e) => set({ status: e.currentTarget.value as Form['status'] })}>
              <option value="draft">Draft (shoppers do not see it)</option>
              <option value="published">Published</option>
              <option value="archived">Archived (hidden; in carts it reads as sold out)</option>
            </select>
          </label>
          <label class="inline-field">
            <input type="checkbox" checked={form.featured} onChange={(e) => set({ featured: e.currentTarget.checked })} />
            Featured
          </label>
          {serverError && (
            <p class="form-error" role="alert">
              {serverError}
            </p>
          )}
          <button type="submit" class="button-primary" disabled={saving}>
            {creating ? 'Create mineral' : 'Save changes'}
          </button>
        </section>
      </form>
      {mineral && <Photos mineralId={mineral.id} mineralName={mineral.name} />}
    </>
  );
}
