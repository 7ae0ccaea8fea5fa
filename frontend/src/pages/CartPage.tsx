// The cart: every line is a hold on real stock, so the page says how long it is held and what changed
// under it; quantities are set (not added), and 0 removes a line.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api/http';
import type { CartLine } from '../api/types';
import { ErrorMessage, Loading } from '../components/Status';
import { formatCents, minutesUntil } from '../lib/format';
import { useTitle } from '../lib/page';
import { cart, cartLoaded, cartNotices, dismissCartNotices, refreshCart, setCartQuantity } from '../state/cart';
import { CancelOrderButton } from '../components/CancelOrderButton';

/** Re-renders every 30 s, for countdowns. */
export function useMinuteTicker(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function HoldNotice({ holdExpiresAt }: { holdExpiresAt: string | null }) {
  const now = useMinuteTicker();
  if (!holdExpiresAt) return null;
  const minutes = minutesUntil(holdExpiresAt, now);
  return (
    <p class="hold">
      {minutes > 0
        ? `Held for you for ${minutes} more ${minutes === 1 ? 'minute' : 'minutes'}.`
        : 'Your hold has lapsed: the items are back on the shelf. We take them again when you change your cart or check out, if they are still here.'}
    </p>
  );
}

function Line({ line, locked }: { line: CartLine; locked: boolean }) {
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setQuantity(String(line.quantity)), [line.quantity]);
  const max = line.quantity + line.available;

  const save = async (wanted: number) => {
    setBusy(true);
    setError(null);
    try {
      await setCartQuantity(line.mineralId, wanted);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'insufficient_stock') {
        const available = typeof e.details.available === 'number' ? e.details.available : line.quantity;
        setError(available > 0 ? `Only ${available} available now; someone else holds the rest.` : 'None left now: someone else just took the rest.');
      } else setError(messageOf(e));
      setQuantity(String(line.quantity));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const wanted = Number(quantity);
    if (!Number.isInteger(wanted) || wanted < 0) {
      setError('Enter a whole number (0 removes the item).');
      return;
    }
    if (wanted !== line.quantity) void save(wanted);
  };

  const inputId = `qty-${line.mineralId}`;
  return (
    <li class="cart-line">
      <img src={line.image} alt="" width={120} height={90} loading="lazy" />
      <div class="cart-line-info">
        <a href={`/minerals/${line.mineralId}`} class="cart-line-name">
          {line.name}
        </a>
        <p class="muted small">
          {line.listUnitPriceCents > line.unitPriceCents && (
            <>
              <s class="regular-price">
                <span class="visually-hidden">Regular price </span>
                {formatCents(line.listUnitPriceCents)}
              </s>{' '}
            </>
          )}
          {formatCents(line.unitPriceCents)} each{line.listUnitPriceCents > line.unitPriceCents ? ' on sale' : ''}
        </p>
        {error && (
          <p class="field-error" role="alert" id={`${inputId}-error`}>
            {error}
          </p>
        )}
      </div>
      <form class="cart-line-qty" onSubmit={submit}>
        <label for={inputId}>Quantity</label>
        <input
          id={inputId}
          type="number"
          min={0}
          max={max}
          inputMode="numeric"
          value={quantity}
          disabled={busy || locked}
          onInput={(e) => setQuantity(e.currentTarget.value)}
          aria-describedby={error ? `${inputId}-error` : undefined}
        />
        <button type="submit" class="button secondary small" disabled={busy || locked}>
          Update
        </button>
        <button type="button" class="link-button" disabled={busy || locked} onClick={() => save(0)} aria-label={`Remove ${line.name}`}>
          Remove
        </button>
      </form>
      <p class="cart-line-total">{formatCents(line.lineTotalCents)}</p>
    </li>
  );
}

export function CartPage() {
  useTitle('Your cart');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    refreshCart().catch(setError);
  }, []);
  const view = cart.value;
  const notices = cartNotices.value;
  const atCheckout = view?.status === 'checkout';

  return (
    <section class="page cart-page">
      <h1>Your cart</h1>
      {notices.length > 0 && (
        <div class="message warning" role="alert">
          <p>Some things changed in your cart:</p>
          <ul>
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <button type="button" class="link-button" onClick={dismissCartNotices}>
            Dismiss
          </button>
        </div>
      )}
      {error !== undefined && <ErrorMessage error={error} onRetry={() => refreshCart().then(() => setError(undefined), setError)} />}
      {!cartLoaded.value && error === undefined && <Loading label="Loading your cart…" minHeight="40vh" />}
      {cartLoaded.value && (!view || view.lines.length === 0) && (
        <div class="empty">
          <p>Your cart is empty.</p>
          <a href="/" class="button">
            Browse the minerals
          </a>
        </div>
      )}
      {view && view.lines.length > 0 && (
        <>
          {atCheckout && (
            <div class="message info" role="status">
              <p>
                This cart is at the checkout: an order for it is waiting for payment, so it cannot change. <a href="/checkout">Continue to payment</a>, or
                cancel that order to edit the cart.
              </p>
              {view.checkoutOrderId && <CancelOrderButton orderId={view.checkoutOrderId} label="Cancel the order and edit the cart" />}
            </div>
          )}
          <HoldNotice holdExpiresAt={view.holdExpiresAt} />
          <ul class="cart-lines" aria-label="Items in your cart">
            {view.lines.map((line) => (
              <Line key={line.mineralId} line={line} locked={atCheckout} />
            ))}
          </ul>
          <div class="cart-summary">
            <p class="subtotal">
              <span>Subtotal ({view.itemCount} {view.itemCount === 1 ? 'item' : 'items'})</span> <strong>{formatCents(view.subtotalCents)}</strong>
            </p>
            <p class="muted small">Shipping, discounts and tax are worked out at the checkout.</p>
            <a href="/checkout" class="button primary">
              {atCheckout ? 'Continue to payment' : 'Go to checkout'}
            </a>
          </div>
        </>
      )}
    </section>
  );
}
