// One mineral: its picture and facts, price and stock, adding it to the cart (a real hold on a real
// specimen, so the last one can be taken by someone else between page load and click), the restock
// alert for a sold-out one, the wishlist toggle and the reviews.
import { useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiError, fetchJson, isUnavailable, messageOf } from '../api/http';
import type { MineralDetail } from '../api/types';
import { Price, StockBadge } from '../components/Price';
import { Reviews } from '../components/Reviews';
import { ErrorMessage, Loading, Notice } from '../components/Status';
import { Gallery } from '../components/Gallery';
import { ShippingEstimate } from '../components/ShippingEstimate';
import { WishlistToggle } from '../components/WishlistToggle';
import { formatSize, formatWeight, minutesUntil } from '../lib/format';
import { useTitle } from '../lib/page';
import { useAsync } from '../lib/useAsync';
import { cart, setCartQuantity } from '../state/cart';
import { currentUser } from '../state/session';

const CATEGORY_NAMES: Record<string, string> = {
  'native-elements': 'Native elements',
  sulfides: 'Sulfides',
  halides: 'Halides',
  oxides: 'Oxides',
  carbonates: 'Carbonates',
  borates: 'Borates',
  sulfates: 'Sulfates',
  phosphates: 'Phosphates',
  silicates: 'Silicates',
};

type AddOutcome =
  | { kind: 'added'; quantity: number; holdMinutes: number | null }
  | { kind: 'taken'; message: string }
  | { kind: 'error'; message: string; checkout?: boolean };

function RestockAlert({ mineralId }: { mineralId: string }) {
  const user = currentUser.value;
  const [email, setEmail] = useState('');
  const [state, setState] = useState<
    { kind: 'idle' | 'busy' | 'unavailable' } | { kind: 'done'; email: string; pending: boolean } | { kind: 'error'; message: string }
  >({ kind: 'idle' });
  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      const watch = await api<{ email: string; status: 'watching' | 'pending_confirmation' }>(`/api/minerals/${encodeURIComponent(mineralId)}/restock-alerts`, {
        method: 'POST',
        auth: user ? 'required' : 'none',
        body: user ? {} : { email: email.trim() },
      });
      setState({ kind: 'done', email: watch.email, pending: watch.status === 'pending_confirmation' });
    } catch (error) {
      if (isUnavailable(error)) setState({ kind: 'unavailable' });
      else if (error instanceof ApiError && error.code === 'in_stock') setState({ kind: 'error', message: 'Good news: it is back in stock. Reload the page to add it.' });
      else setState({ kind: 'error', message: messageOf(error) });
    }
  };
  if (state.kind === 'done' && state.pending) {
    return (
      <Notice kind="success">
        Check your mail to confirm: we sent a link to {state.email}. We will only email you about the restock once you confirm.
      </Notice>
    );
  }
  if (state.kind === 'done') return <Notice kind="success">We will email {state.email} when it is back in stock.</Notice>;
  return (
    <form class="restock" onSubmit={submit} aria-labelledby="restock-title">
      <p id="restock-title" class="restock-title">
        Sold out — tell me when it is back
      </p>
      {!user && (
        <label class="field">
          <span>Your email</span>
          <input type="email" required autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
      )}
      <button type="submit" class="button secondary" disabled={state.kind === 'busy'}>
        Tell me when it is back
      </button>
      {state.kind === 'unavailable' && <Notice kind="warning">Restock alerts are not available yet. Please check back later.</Notice>}
      {state.kind === 'error' && <Notice kind="error">{state.message}</Notice>}
    </form>
  );
}

/** Sold out because it sits in someone's cart: say so, and when it may come back. */
function HeldNote({ until }: { until: string }) {
  const at = new Date(until);
  const text =
    at.getTime() > Date.now()
      ? `It is in another shopper’s cart, held until ${at.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' })} for now. If they don’t buy it, it comes back to the shop.`
      : 'Another shopper’s hold on it has just ended: it should be back in a minute or two.';
  return <p class="held-note">{text}</p>;
}

function AddToCart({ mineral, onShelfChange }: { mineral: MineralDetail; onShelfChange: (available: number) => void }) {
  const line = cart.value?.lines.find((l) => l.mineralId === mineral.id);
  const inCart = line?.quantity ?? 0;
  const [quantity, setQuantity] = useState(1);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AddOutcome | null>(null);
  const max = Math.min(mineral.available, 10);

  const add = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const view = await setCartQuantity(mineral.id, inCart + quantity);
      const added = view.lines.find((l) => l.mineralId === mineral.id);
      if (added) onShelfChange(added.available);
      setOutcome({ kind: 'added', quantity, holdMinutes: added?.holdExpiresAt ? minutesUntil(added.holdExpiresAt) : null });
      setQuantity(1);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'insufficient_stock') {
        const canHave = typeof error.details.available === 'number' ? error.details.available : 0;
        onShelfChange(Math.max(0, canHave - inCart));
        setOutcome({
          kind: 'taken',
          message:
            canHave - inCart <= 0
              ? 'Sorry, someone else just took this one, after this page showed it in stock: it is sold out or held in another shopper’s cart. If their hold lapses it comes back.'
              : `Only ${canHave - inCart} more can be added now (this page showed the stock a moment ago); someone else holds the rest.`,
        });
      } else if (error instanceof ApiError && error.code === 'checkout_in_progress') {
        setOutcome({ kind: 'error', message: 'Your cart is at the checkout. Finish paying, or edit the cart first.', checkout: true });
      } else {
        setOutcome({ kind: 'error', message: messageOf(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="buy-box">
      {mineral.available > 0 ? (
        <div class="buy-row">
          {max > 1 && (
            <label class="field quantity">
              <span>Quantity</span>
              <select value={quantity} onChange={(e) => setQuantity(Number(e.currentTarget.value))}>
                {Array.from({ length: max }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    {i + 1}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" class="button primary" onClick={add} disabled={busy} aria-busy={busy}>
            {busy ? 'Adding…' : 'Add to cart'}
          </button>
        </div>
      ) : (
        inCart === 0 && <RestockAlert mineralId={mineral.id} />
      )}
      {inCart > 0 && (
        <p class="in-cart">
          In your cart: {inCart}. <a href="/cart">View cart</a>
        </p>
      )}
      <div aria-live="polite">
        {outcome?.kind === 'added' && (
          <Notice kind="success">
            Added to your cart
            {outcome.holdMinutes !== null ? ` and held for you for ${outcome.holdMinutes} minutes` : ''}.
          </Notice>
        )}
        {outcome?.kind === 'taken' && <Notice kind="warning">{outcome.message}</Notice>}
      </div>
      {outcome?.kind === 'error' && (
        <Notice kind="error">
          {outcome.message} {outcome.checkout && <a href="/checkout">Go to the checkout</a>}
        </Notice>
      )}
    </div>
  );
}

export function Product() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const mineral = useAsync((signal) => fetchJson<MineralDetail>(`/api/minerals/${encodeURIComponent(id)}`, { signal }), [id]);
  const m = mineral.data;
  useTitle(m?.name ?? (mineral.error ? 'Mineral not found' : undefined));

  if (mineral.error) {
    const missing = mineral.error instanceof ApiError && (mineral.error.status === 404 || mineral.error.status === 400);
    return (
      <section class="page narrow">
        <h1>{missing ? 'Mineral not found' : 'This mineral could not be loaded'}</h1>
        {missing ? <p>We have no mineral at this address. It may have been removed from the catalog.</p> : <ErrorMessage error={mineral.error} onRetry={mineral.reload} />}
        <p>
          <a href="/">Browse the minerals</a>
        </p>
      </section>
    );
  }
  if (!m) return <Loading label="Loading the mineral…" minHeight="70vh" />;

  return (
    <article class="page product">
      <p class="breadcrumb">
        <a href="/">Minerals</a> <span aria-hidden="true">›</span> <a href={`/?category=${m.category}`}>{CATEGORY_NAMES[m.category] ?? m.category}</a>
      </p>
      <div class="product-layout">
        {m.photos?.length ? (
          <Gallery photos={m.photos} />
        ) : (
          <div class="product-image">
            <img src={m.image} alt={`${m.name} specimen from ${m.origin}`} width={400} height={300} />
          </div>
        )}
        <div class="product-info">
          <h1>{m.name}</h1>
          <p class="origin">{m.origin}</p>
          <p class="product-price">
            <Price cents={m.priceCents} sale={m.sale} large />
          </p>
          <p class="stock-line">
            {m.available <= 0 && m.heldUntil ? <span class="stock stock-out">In someone’s cart</span> : <StockBadge available={m.available} />}
          </p>
          {m.available <= 0 && m.heldUntil && <HeldNote until={m.heldUntil} />}
          <AddToCart mineral={m} onShelfChange={(available) => mineral.setData({ ...m, available })} />
          <WishlistToggle mineralId={m.id} name={m.name} />
          <ShippingEstimate weightGrams={m.weightGrams} />
          <dl class="facts">
            <div>
              <dt>Locality</dt>
              <dd>{m.origin}</dd>
            </div>
            <div>
              <dt>Hardness</dt>
              <dd>{m.mohsHardness} on the Mohs scale</dd>
            </div>
            <div>
              <dt>Weight</dt>
              <dd>{formatWeight(m.weightGrams)}</dd>
            </div>
            {m.dimensions && (
              <div>
                <dt>Size</dt>
                <dd>{formatSize(m.dimensions)}</dd>
              </div>
            )}
            <div>
              <dt>Category</dt>
              <dd>{CATEGORY_NAMES[m.category] ?? m.category}</dd>
            </div>
          </dl>
        </div>
      </div>
      <section class="product-text" aria-labelledby="about-title">
        <h2 id="about-title">About this specimen</h2>
        <p>{m.description}</p>
        <h3>Quality notes</h3>
        <p>{m.quality}</p>
      </section>
      <Reviews mineralId={m.id} />
    </article>
  );
}
