// Stripe's Payment Element, for shops with a Stripe publishable key. Loaded only when a payment needs
// it (its own chunk, and Stripe.js itself fetched by Stripe's loader at that moment), so it never
// weighs on the catalog.
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Loading } from '../../components/Status';
import { formatCents } from '../../lib/format';
import type { PendingCheckout } from '../../state/checkout';

export function StripePayment({ pending, onConfirmed }: { pending: PendingCheckout; onConfirmed: () => void }) {
  const mountPoint = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadStripe(pending.payment.publishableKey!).then(
      (stripe) => {
        if (cancelled || !stripe || !mountPoint.current) return;
        const elements = stripe.elements({ clientSecret: pending.payment.clientSecret });
        elements.create('payment').mount(mountPoint.current);
        setReady({ stripe, elements });
      },
      () => setError('The card form could not be loaded. Check your connection and reload the page.'),
    );
    return () => {
      cancelled = true;
    };
  }, [pending.payment.clientSecret]);

  const pay = async (event: Event) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    const result = await ready.stripe.confirmPayment({
      elements: ready.elements,
      redirect: 'if_required',
      confirmParams: { return_url: `${location.origin}/orders/${pending.orderId}/confirmation` },
    });
    setBusy(false);
    if (result.error) setError(result.error.message ?? 'The payment did not go through. You can try another card.');
    else onConfirmed();
  };

  return (
    <form class="card-form" onSubmit={pay} aria-labelledby="card-title">
      <h2 id="card-title">Pay by card</h2>
      {error && (
        <div class="message error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {!ready && !error && <Loading label="Loading the secure card form…" minHeight="12rem" />}
      <div ref={mountPoint} class="stripe-element" />
      <button type="submit" class="button primary wide" disabled={!ready || busy} aria-busy={busy}>
        {busy ? 'Paying…' : `Pay ${formatCents(pending.totalCents)}`}
      </button>
    </form>
  );
}
