// The checkout: who and where (a saved address or a new one), how fast, a coupon, and a live quote in
// which every number is the server's; then the order is placed and paid (PaymentStep).
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { ApiError } from '../api/http';
import type { Cart, PlacedOrder, Profile, Quote, ShippingMethod } from '../api/types';
import { AddressFields, addressBody, draftOf, emptyAddress, quotable, validateAddress, type AddressDraft, type AddressErrors } from '../components/AddressFields';
import { CancelOrderButton } from '../components/CancelOrderButton';
import { ErrorMessage, Loading } from '../components/Status';
import { Totals } from '../components/OrderParts';
import { formatCents } from '../lib/format';
import { useTitle } from '../lib/page';
import { cart, cartLoaded, cartNotices, refreshCart } from '../state/cart';
import { guestCartHeaders, pendingCheckout, rememberTrackingToken, setPendingCheckout } from '../state/checkout';
import { currentUser, updateCurrentUser } from '../state/session';
import { PaymentStep } from './checkout/PaymentStep';

const METHODS: Array<{ id: ShippingMethod; label: string; note: string }> = [
  { id: 'standard', label: 'Standard', note: 'Tracked parcel, usually 3–7 working days' },
  { id: 'express', label: 'Express', note: 'Courier, usually 1–2 working days' },
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Quotes = Partial<Record<ShippingMethod, Quote>>;

const fieldId = (key: string) => (key === 'email' ? 'checkout-email' : `ship-${key}`);

const cartHeaders = () => (currentUser.value ? {} : guestCartHeaders());

function QuoteSummary({ view, quote, pending }: { view: Cart; quote: Quote | undefined; pending: boolean }) {
  return (
    <aside class="order-summary" aria-labelledby="summary-title" aria-busy={pending}>
      <h2 id="summary-title">Order summary</h2>
      <ul class="summary-lines">
        {view.lines.map((l) => {
          const quoted = quote?.lines.find((q) => q.mineralId === l.mineralId);
          return (
            <li key={l.mineralId}>
              <span>
                {l.name} × {l.quantity}
              </span>
              <span>{formatCents(quoted?.subtotalCents ?? l.lineTotalCents)}</span>
            </li>
          );
        })}
      </ul>
      {quote ? (
        <Totals
          values={{
            subtotalCents: quote.subtotalCents,
            shippingMethod: quote.shipping.method,
            shippingCents: quote.shipping.rateCents,
            discounts: quote.discounts,
            taxCents: quote.tax.cents,
            totalCents: quote.totalCents,
          }}
        />
      ) : (
        <p class="muted">Enter where the parcel goes to see shipping, tax and the total.</p>
      )}
    </aside>
  );
}

function DetailsStep({ view }: { view: Cart }) {
  const { route } = useLocation();
  const user = currentUser.value;
  const [profile, setProfile] = useState<Profile | null>(null);
  const [email, setEmail] = useState(user?.email ?? '');
  const [addressChoice, setAddressChoice] = useState<string>('new');
  const [draft, setDraft] = useState<AddressDraft>(() => emptyAddress(user?.name ?? ''));
  const [errors, setErrors] = useState<AddressErrors & { email?: string }>({});
  const [submitted, setSubmitted] = useState(false);
  const [method, setMethod] = useState<ShippingMethod>('standard');
  const [couponInput, setCouponInput] = useState('');
  const [coupon, setCoupon] = useState<string | null>(null);
  const [couponError, setCouponError] = useState<string | null>(null);
  const [saveCard, setSaveCard] = useState(false);
  const [quotes, setQuotes] = useState<Quotes>({});
  const [quoting, setQuoting] = useState(false);
  const [quoteError, setQuoteError] = useState<unknown>();
  const [placing, setPlacing] = useState(false);
  const [placeError, setPlaceError] = useState<unknown>();
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const errorSummary = useRef<HTMLDivElement>(null);

  // A shopper's saved addresses: the default one is chosen to start with.
  useEffect(() => {
    if (!user) return;
    api<Profile>('/api/me', { auth: 'required' }).then(
      (p) => {
        setProfile(p);
        updateCurrentUser(p);
        setEmail((e) => e || p.email);
        const chosen = p.addresses.find((a) => a.id === p.defaultAddressId) ?? p.addresses[0];
        if (chosen) {
          setAddressChoice(chosen.id);
          setDraft(draftOf(chosen));
        }
      },
      () => undefined,
    );
  }, [user?.userId]);

  const chooseAddress = (choice: string) => {
    setAddressChoice(choice);
    const saved = profile?.addresses.find((a) => a.id === choice);
    setDraft(saved ? draftOf(saved) : emptyAddress(user?.name ?? ''));
  };

  const address = addressBody(draft);
  const canQuote = quotable(draft);
  const quoteKey = JSON.stringify([view.cartId, view.lines.map((l) => [l.mineralId, l.quantity]), address.country, address.region, address.postalCode, coupon, email && EMAIL.test(email) ? email : '']);

  // The live quote, for both shipping methods (so each shows its price), a moment after typing stops.
  useEffect(() => {
    if (!canQuote) {
      setQuotes({});
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setQuoting(true);
      setQuoteError(undefined);
      const quoteFor = (shippingMethod: ShippingMethod) =>
        api<Quote>('/api/checkout/quote', {
          method: 'POST',
          auth: user ? 'required' : 'none',
          headers: cartHeaders(),
          signal: controller.signal,
          body: {
            cartId: view.cartId,
            address,
            shippingMethod,
            ...(coupon ? { couponCode: coupon } : {}),
            ...(!user && EMAIL.test(email) ? { email } : {}),
          },
        });
      try {
        const [standard, express] = await Promise.all([quoteFor('standard'), quoteFor('express')]);
        setQuotes({ standard, express });
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && /coupon/.test(error.code) && coupon) {
          // The refusal stays until the shopper changes the code (the quote without it must not wipe it).
          setCouponError(error.message);
          setCoupon(null);
        } else {
          setQuoteError(error);
          setQuotes({});
        }
      } finally {
        if (!controller.signal.aborted) setQuoting(false);
      }
    }, 350);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [quoteKey, canQuote]);

  const quote = quotes[method];

  const applyCoupon = (event: Event) => {
    event.preventDefault();
    const code = couponInput.trim().toUpperCase();
    setCouponError(null);
    if (!code) {
      setCoupon(null);
      return;
    }
    if (!/^[A-Za-z0-9-]{1,40}$/.test(code)) {
      setCouponError('A coupon code is letters, digits and dashes.');
      return;
    }
    if (!canQuote) {
      setCouponError('Enter the delivery address first; the coupon is checked against the whole order.');
      return;
    }
    setCoupon(code);
  };

  const validate = (): AddressErrors & { email?: string } => ({
    // In the order the fields appear.
    ...(!user && !EMAIL.test(email.trim()) ? { email: 'Enter your email address: the receipt and tracking link go there.' } : {}),
    ...validateAddress(draft),
  });

  useEffect(() => {
    if (submitted) setErrors(validate());
  }, [draft, email]);

  const placeOrder = async (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => errorSummary.current?.focus());
      return;
    }
    const body = {
      cartId: view.cartId,
      ...(email.trim() ? { email: email.trim() } : {}),
      address,
      shippingMethod: method,
      ...(coupon ? { couponCode: coupon } : {}),
      ...(user ? { saveCard } : {}),
    };
    // One key per attempt: the same attempt retried (a dropped connection) is the same order.
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { key: crypto.randomUUID(), body: text };
    setPlacing(true);
    setPlaceError(undefined);
    try {
      const placed = await api<PlacedOrder>('/api/checkout', {
        method: 'POST',
        auth: user ? 'required' : 'none',
        headers: { ...cartHeaders(), 'idempotency-key': attempt.current.key },
        body,
      });
      if (placed.trackingToken) rememberTrackingToken(placed.order.orderId, placed.trackingToken);
      setPendingCheckout({
        ownerId: user?.userId ?? null,
        cartId: view.cartId,
        orderId: placed.order.orderId,
        orderNumber: placed.order.number,
        totalCents: placed.order.totals.totalCents,
        email: placed.order.email,
        payment: placed.payment,
        ...(placed.trackingToken ? { trackingToken: placed.trackingToken } : {}),
        saveCard: Boolean(user && saveCard),
      });
      attempt.current = null;
      void refreshCart().catch(() => undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'cart_changed') {
        const notices = Array.isArray(error.details.notices) ? error.details.notices.filter((n): n is string => typeof n === 'string') : [];
        cartNotices.value = [...new Set([...cartNotices.value, ...(notices.length ? notices : [error.message])])];
        await refreshCart().catch(() => undefined);
        route('/cart');
        return;
      }
      if (error instanceof ApiError && /coupon/.test(error.code)) {
        setCouponError(error.message);
        setCoupon(null);
      }
      if (error instanceof ApiError && error.code === 'checkout_in_progress') void refreshCart().catch(() => undefined);
      setPlaceError(error);
    } finally {
      setPlacing(false);
    }
  };

  const errorList = Object.entries(errors).filter(([, v]) => v) as Array<[string, string]>;

  return (
    <div class="checkout-layout">
      <form class="checkout-form" onSubmit={placeOrder} noValidate>
        {errorList.length > 0 && (
          <div class="message error" role="alert" tabIndex={-1} ref={errorSummary}>
            <p>Please check {errorList.length === 1 ? 'this field' : `these ${errorList.length} fields`}:</p>
            <ul>
              {errorList.map(([key, message]) => (
                <li key={key}>
                  <a href={`#${fieldId(key)}`} onClick={(e) => (e.preventDefault(), document.getElementById(fieldId(key))?.focus())}>
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <fieldset>
          <legend>Contact</legend>
          {user ? (
            <p>
              Signed in as <strong>{user.email}</strong>. The receipt goes there.
            </p>
          ) : (
            <div class="field">
              <label for="checkout-email">Email</label>
              <p id="checkout-email-hint" class="hint">
                For the receipt and the link to track your order. <a href="/account/sign-in?next=/checkout">Sign in</a> to use your saved addresses.
              </p>
              <input
                id="checkout-email"
                type="email"
                autoComplete="email"
                required
                value={email}
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={`checkout-email-hint${errors.email ? ' checkout-email-error' : ''}`}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              {errors.email && (
                <p id="checkout-email-error" class="field-error">
                  {errors.email}
                </p>
              )}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Delivery address</legend>
          {profile && profile.addresses.length > 0 && (
            <div class="saved-addresses" role="radiogroup" aria-label="Saved addresses">
              {profile.addresses.map((a) => (
                <label key={a.id} class="choice">
                  <input type="radio" name="address-choice" checked={addressChoice === a.id} onChange={() => chooseAddress(a.id)} />
                  <span>
                    <strong>{a.name}</strong>, {a.line1}, {a.city} {a.region ?? ''} {a.postalCode}, {a.country}
                  </span>
                </label>
              ))}
              <label class="choice">
                <input type="radio" name="address-choice" checked={addressChoice === 'new'} onChange={() => chooseAddress('new')} />
                <span>A new address</span>
              </label>
            </div>
          )}
          {(addressChoice === 'new' || errorList.length > 0 || !profile?.addresses.length) && (
            <AddressFields prefix="ship" value={draft} errors={submitted ? errors : {}} onChange={setDraft} />
          )}
        </fieldset>
        <fieldset>
          <legend>Shipping</legend>
          {METHODS.map((m) => {
            const q = quotes[m.id];
            return (
              <label key={m.id} class="choice shipping-choice">
                <input type="radio" name="shipping" value={m.id} checked={method === m.id} onChange={() => setMethod(m.id)} />
                <span>
                  <strong>{m.label}</strong> <span class="muted">{m.note}</span>
                </span>
                <span class="choice-price">{q ? (q.shipping.cents === 0 ? 'Free' : formatCents(q.shipping.cents)) : ''}</span>
              </label>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Coupon</legend>
          <div class="coupon-row">
            <label class="field">
              <span>Coupon code</span>
              <input
                value={couponInput}
                autoComplete="off"
                aria-invalid={couponError ? true : undefined}
                aria-describedby={couponError ? 'coupon-error' : quote?.coupon ? 'coupon-status' : undefined}
                onInput={(e) => {
                  setCouponInput(e.currentTarget.value);
                  setCouponError(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') applyCoupon(e);
                }}
              />
            </label>
            <button type="button" class="button secondary" onClick={applyCoupon}>
              Apply
            </button>
            {coupon && (
              <button
                type="button"
                class="link-button"
                onClick={() => {
                  setCoupon(null);
                  setCouponInput('');
                }}
              >
                Remove coupon
              </button>
            )}
          </div>
          {couponError && (
            <p id="coupon-error" class="field-error" role="alert">
              {couponError}
            </p>
          )}
          {coupon && quote?.coupon && (
            <p id="coupon-status" class={quote.coupon.effective ? 'success-text' : 'muted'} role="status">
              {quote.coupon.message}
            </p>
          )}
        </fieldset>
        {user && (
          <label class="checkbox">
            <input type="checkbox" checked={saveCard} onChange={(e) => setSaveCard(e.currentTarget.checked)} />
            <span>Save my card for next time</span>
          </label>
        )}
        {quoteError !== undefined && <ErrorMessage error={quoteError} />}
        {placeError !== undefined && <ErrorMessage error={placeError} />}
        <button type="submit" class="button primary wide" disabled={placing || quoting} aria-busy={placing}>
          {placing ? 'Placing your order…' : quote ? `Place order and pay ${formatCents(quote.totalCents)}` : 'Place order and pay'}
        </button>
        <p class="muted checkout-promises">
          <a href="/shipping">Shipping rates</a> · <a href="/returns">Returns</a> · <a href="/authenticity">Authenticity guarantee</a> ·{' '}
          <a href="/terms">Terms of sale</a>
        </p>
      </form>
      <QuoteSummary view={view} quote={quote} pending={quoting} />
    </div>
  );
}

export function Checkout() {
  useTitle('Checkout');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    refreshCart().catch(setError);
  }, []);
  const view = cart.value;
  const pending = pendingCheckout.value;

  return (
    <section class="page checkout">
      <h1>Checkout</h1>
      {pending ? (
        <PaymentStep pending={pending} />
      ) : error !== undefined ? (
        <ErrorMessage error={error} onRetry={() => refreshCart().then(() => setError(undefined), setError)} />
      ) : !cartLoaded.value ? (
        <Loading label="Loading your cart…" minHeight="50vh" />
      ) : !view || view.lines.length === 0 ? (
        <div class="empty">
          <p>Your cart is empty, so there is nothing to check out yet.</p>
          <a href="/" class="button">
            Browse the minerals
          </a>
        </div>
      ) : (
        <>
          {view.status === 'checkout' && (
            <div class="message info" role="status">
              <p>This cart already has an order waiting for payment. Placing the same order again takes you back to it; to change anything, cancel it first.</p>
              {view.checkoutOrderId && <CancelOrderButton orderId={view.checkoutOrderId} label="Cancel that order" />}
            </div>
          )}
          <DetailsStep view={view} />
        </>
      )}
    </section>
  );
}
