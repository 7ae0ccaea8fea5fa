// The catalog: filters and sort live in the URL (so a filtered view is a link that survives a reload),
// pages are appended with "Load more" without moving the reader, and going back to the catalog from a
// product shows the same pages at the same scroll position.
import { useLocation } from 'preact-iso';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { fetchJson } from '../api/http';
import type { Category, MineralCard as Card, Page } from '../api/types';
import { MineralCard } from '../components/MineralCard';
import { ErrorMessage, Loading } from '../components/Status';
import { useTitle } from '../lib/page';
import { savedScroll } from '../lib/scroll';

const SORTS = [
  { id: 'popular', label: 'Most popular' },
  { id: 'newest', label: 'Newest' },
  { id: 'price_asc', label: 'Price, low to high' },
  { id: 'price_desc', label: 'Price, high to low' },
  { id: 'rating', label: 'Best rated' },
] as const;

const PAGE_SIZE = 24;
/** A very selective filter may come back as short pages; keep reading until a page is this full. */
const MIN_FIRST_PAGE = 12;
const MAX_FILL_REQUESTS = 5;

/** The catalog's URL parameters: prices in whole dollars for people; the API takes cents. */
interface Filters {
  category: string;
  min: string;
  max: string;
  inStock: boolean;
  sort: string;
}

function filtersFrom(query: Record<string, string>): Filters {
  const sort = SORTS.some((s) => s.id === query.sort) ? query.sort! : 'popular';
  return {
    category: query.category ?? '',
    min: /^\d+$/.test(query.min ?? '') ? query.min! : '',
    max: /^\d+$/.test(query.max ?? '') ? query.max! : '',
    inStock: query.inStock === 'true',
    sort,
  };
}

function siteQuery(f: Filters): string {
  const p = new URLSearchParams();
  if (f.category) p.set('category', f.category);
  if (f.min) p.set('min', f.min);
  if (f.max) p.set('max', f.max);
  if (f.inStock) p.set('inStock', 'true');
  if (f.sort !== 'popular') p.set('sort', f.sort);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function apiQuery(f: Filters): string {
  const p = new URLSearchParams({ sort: f.sort, limit: String(PAGE_SIZE) });
  if (f.category) p.set('category', f.category);
  if (f.min) p.set('minPrice', String(Number(f.min) * 100));
  if (f.max) p.set('maxPrice', String(Number(f.max) * 100));
  if (f.inStock) p.set('inStock', 'true');
  return p.toString();
}

interface Listing {
  items: Card[];
  nextCursor: string | null;
}

/** Listings already shown, by API query, for going back without reloading or losing the place. */
const listings = new Map<string, Listing>();
let categoriesLoad: Promise<Category[]> | undefined;

function loadCategories(): Promise<Category[]> {
  categoriesLoad ??= fetchJson<{ items: Category[] }>('/api/categories').then(
    (r) => r.items,
    (error: unknown) => {
      categoriesLoad = undefined;
      throw error;
    },
  );
  return categoriesLoad;
}

async function loadPage(query: string, cursor: string | null, signal?: AbortSignal): Promise<Listing> {
  const items: Card[] = [];
  let next = cursor;
  for (let requests = 0; requests < MAX_FILL_REQUESTS; requests++) {
    const url = `/api/minerals?${query}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`;
    const page = await fetchJson<Page<Card>>(url, signal ? { signal } : {});
    items.push(...page.items);
    next = page.nextCursor;
    if (!next || items.length >= MIN_FIRST_PAGE) break;
  }
  return { items, nextCursor: next };
}

function FilterForm({ filters, categories, onChange }: { filters: Filters; categories: Category[]; onChange: (f: Filters) => void }) {
  const [min, setMin] = useState(filters.min);
  const [max, setMax] = useState(filters.max);
  const [priceError, setPriceError] = useState<string | null>(null);
  useEffect(() => {
    setMin(filters.min);
    setMax(filters.max);
  }, [filters.min, filters.max]);

  const applyPrices = (event?: Event) => {
    event?.preventDefault();
    if (min && max && Number(min) > Number(max)) {
      setPriceError('The lowest price must not be above the highest.');
      return;
    }
    setPriceError(null);
    if (min !== filters.min || max !== filters.max) onChange({ ...filters, min, max });
  };

  // On a phone the filters are a sheet behind one button, so the first screen shows minerals.
  const [open, setOpen] = useState(false);
  const active = [filters.category, filters.min || filters.max, filters.inStock].filter(Boolean).length;

  return (
    <>
    <button
      type="button"
      class="button secondary filter-toggle"
      aria-expanded={open}
      aria-controls="catalog-filters"
      onClick={() => setOpen((o) => !o)}
    >
      {open ? 'Hide filters' : 'Filter and sort'}
      {active > 0 && ` (${active} on)`}
    </button>
    <form id="catalog-filters" class={open ? 'filters open' : 'filters'} aria-label="Filter and sort the minerals" onSubmit={applyPrices}>
      <label class="field">
        <span>Category</span>
        <select value={filters.category} onChange={(e) => onChange({ ...filters, category: e.currentTarget.value })}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="price-range">
        <legend>Price in US dollars</legend>
        <label class="field">
          <span>From</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={min}
            onInput={(e) => setMin(e.currentTarget.value.replace(/\D/g, ''))}
            aria-describedby={priceError ? 'price-error' : undefined}
          />
        </label>
        <label class="field">
          <span>To</span>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={max}
            onInput={(e) => setMax(e.currentTarget.value.replace(/\D/g, ''))}
            aria-describedby={priceError ? 'price-error' : undefined}
          />
        </label>
        <button type="submit" class="button secondary">
          Apply prices
        </button>
        {priceError && (
          <p id="price-error" class="field-error" role="alert">
            {priceError}
          </p>
        )}
      </fieldset>
      <label class="checkbox">
        <input type="checkbox" checked={filters.inStock} onChange={(e) => onChange({ ...filters, inStock: e.currentTarget.checked })} />
        <span>In stock only</span>
      </label>
      <label class="field">
        <span>Sort by</span>
        <select value={filters.sort} onChange={(e) => onChange({ ...filters, sort: e.currentTarget.value })}>
          {SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </form>
    </>
  );
}

export function Catalog() {
  const location = useLocation() as ReturnType<typeof useLocation> & { wasPush?: boolean };
  const filters = filtersFrom(location.query);
  const query = apiQuery(filters);
  const [categories, setCategories] = useState<Category[]>([]);
  const [listing, setListing] = useState<Listing | undefined>(() => (location.wasPush ? undefined : listings.get(query)));
  const [error, setError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const firstNewLink = useRef<HTMLAnchorElement | null>(null);
  const focusIndex = useRef<number | null>(null);
  const [nonce, setNonce] = useState(0);

  const category = categories.find((c) => c.id === filters.category);
  useTitle(category ? category.name : undefined);

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
  }, []);

  // Back or forward to a listing seen before: show it as it was, where it was. Otherwise load afresh.
  const cached = !location.wasPush ? listings.get(query) : undefined;
  useLayoutEffect(() => {
    if (!cached) return;
    setListing(cached);
    const y = savedScroll(location.url);
    if (y !== undefined) scrollTo(0, y);
  }, [query]);

  useEffect(() => {
    if (cached && nonce === 0) return;
    const controller = new AbortController();
    setError(undefined);
    setMoreError(undefined);
    setListing(undefined);
    loadPage(query, null, controller.signal).then(
      (page) => {
        listings.set(query, page);
        setListing(page);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [query, nonce]);

  useEffect(() => {
    if (focusIndex.current !== null && firstNewLink.current) {
      firstNewLink.current.focus();
      focusIndex.current = null;
    }
  }, [listing]);

  const change = (next: Filters) => location.route(`/${siteQuery(next)}`);

  const loadMore = async () => {
    if (!listing?.nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await loadPage(query, listing.nextCursor);
      const next = { items: [...listing.items, ...page.items], nextCursor: page.nextCursor };
      focusIndex.current = listing.items.length;
      listings.set(query, next);
      setListing(next);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };

  const filtered = Boolean(filters.category || filters.min || filters.max || filters.inStock);

  return (
    <section class="page catalog">
      <div class="catalog-head">
        <h1>{category ? category.name : 'Minerals'}</h1>
        {category && <p class="lead">{category.description}</p>}
      </div>
      <FilterForm filters={filters} categories={categories} onChange={change} />
      <p class="result-count" role="status">
        {listing ? `Showing ${listing.items.length} ${listing.items.length === 1 ? 'mineral' : 'minerals'}${listing.nextCursor ? ' so far' : ''}` : ''}
      </p>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => setNonce((n) => n + 1)} />}
      {!listing && error === undefined && <Loading label="Loading minerals…" minHeight="60vh" />}
      {listing && listing.items.length === 0 && (
        <div class="empty">
          <p>No minerals match these filters.</p>
          {filtered && <a href={`/${siteQuery({ ...filters, category: '', min: '', max: '', inStock: false })}`}>Clear the filters</a>}
        </div>
      )}
      {listing && listing.items.length > 0 && (
        <ul class="grid" aria-label="Minerals">
          {listing.items.map((m, i) => (
            <li key={m.id}>
              <MineralCard mineral={m} eager={i < 4} linkRef={i === focusIndex.current ? (el) => (firstNewLink.current = el) : undefined} />
            </li>
          ))}
        </ul>
      )}
      {listing?.nextCursor && (
        <div class="load-more">
          {moreError !== undefined && <ErrorMessage error={moreError} />}
          <button type="button" class="button" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more minerals'}
          </button>
        </div>
      )}
    </section>
  );
}
