// Paying for a placed order. With the local sandbox provider: a card form that posts to the sandbox
// (declines answer 402 and the shopper may try another card on the same order); with Stripe: the
// Payment Element, loaded only now. A confirmed payment is settled asynchronously (webhook → queue →
// order processor), so the page then polls the order until it is paid.
import type { JSX } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ApiError, fetchJson, messageOf } from '../../api/http';
import type { Order, SavedCard } from '../../api/types';
import { CancelOrderButton } from '../../components/CancelOrderButton';
import { Loading, Notice } from '../../components/Status';
import { formatCents } from '../../lib/format';
import { refreshCart } from '../../state/cart';
import { fetchOrder, setPendingCheckout, type PendingCheckout } from '../../state/checkout';
import { currentUser } from '../../state/session';

const POLL_FOR_MS = 90_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}

/**
 * After a confirmed payment, polls the order until the payment has settled: paid (or further), closed,
 * or failed after `since` (an earlier decline leaves the order payment_failed until the success lands).
 * Undefined when the wait runs out.
 */
async function settled(pending: PendingCheckout, since: number, signal: AbortSignal): Promise<Order | undefined> {
  const until = Date.now() + POLL_FOR_MS;
  let delay = 400;
  while (Date.now() < until) {
    const order = await fetchOrder(pending.orderId, pending.trackingToken, signal);
    const last = order.timeline.at(-1);
    const failedNow = order.status === 'payment_failed' && last?.status === 'payment_failed' && new Date(last.at).getTime() >= since;
    if (order.status !== 'pending_payment' && (order.status !== 'payment_failed' || failedNow)) return order;
    await sleep(delay, signal);
    delay = Math.min(delay * 1.5, 2_000);
  }
  return undefined;
}

interface CardDraft {
  number: string;
  expiry: string;
  cvc: string;
}

function cardProblems(card: CardDraft): Partial<Record<keyof CardDraft, string>> {
  const problems: Partial<Record<keyof CardDraft, string>> = {};
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(digits)) problems.number = 'Enter the card number (12–19 digits).';
  const m = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(card.expiry.trim());
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) problems.expiry = 'Enter the expiry date as MM/YY.';
  else {
    const year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    const now = new Date();
    if (year < now.getFullYear() || (year === now.getFullYear() && Number(m[1]) < now.getMonth() + 1)) problems.expiry = 'This card has expired.';
  }
  if (!/^\d{3,4}$/.test(card.cvc.trim())) problems.cvc = 'Enter the 3 or 4 digit security code.';
  return problems;
}

function SandboxCardForm({ pending, onConfirmed }: { pending: PendingCheckout; onConfirmed: () => void }) {
  const user = currentUser.value;
  const [savedCards, setSavedCards] = useState<SavedCard[]>([]);
  const [choice, setChoice] = useState<string>('new');
  const [card, setCard] = useState<CardDraft>({ number: '', expiry: '', cvc: '' });
  const [problems, setProblems] = useState<Partial<Record<keyof CardDraft, string>>>({});
  const [busy, setBusy] = useState(false);
  const [declined, setDeclined] = useState<string | null>(null);
  const numberInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!user) return;
    api<SavedCard[] | { items?: SavedCard[]; paymentMethods?: SavedCard[] }>('/api/me/payment-methods', { auth: 'required' }).then(
      (r) => {
        const cards = Array.isArray(r) ? r : (r.items ?? r.paymentMethods ?? []);
        setSavedCards(cards);
        if (cards[0]) setChoice(cards[0].paymentMethodId);
      },
      () => undefined,
    );
  }, [user?.userId]);

  const pay = async (event: Event) => {
    event.preventDefault();
    setDeclined(null);
    const usingSaved = choice !== 'new';
    const found = usingSaved ? {} : cardProblems(card);
    setProblems(found);
    if (Object.keys(found).length) return;
    const [month, year] = card.expiry.split('/').map((s) => s.trim());
    const body = usingSaved
      ? { paymentId: pending.payment.paymentId, clientSecret: pending.payment.clientSecret, paymentMethodId: choice }
      : {
          paymentId: pending.payment.paymentId,
          clientSecret: pending.payment.clientSecret,
          card: {
            number: card.number.replace(/[\s-]/g, ''),
            expMonth: Number(month),
            expYear: year!.length === 2 ? 2000 + Number(year) : Number(year),
            cvc: card.cvc.trim(),
          },
          ...(pending.saveCard ? { saveCard: true } : {}),
        };
    setBusy(true);
    try {
      await fetchJson<{ status: string }>(pending.payment.sandboxConfirmUrl!, { method: 'POST', body });
      onConfirmed();
    } catch (error) {
      setDeclined(messageOf(error));
      requestAnimationFrame(() => numberInput.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card-form" onSubmit={pay} noValidate aria-labelledby="card-title">
      <h2 id="card-title">Pay by card</h2>
      <p class="test-cards" id="test-cards">
        This shop runs a payment sandbox: no real card is charged. Test cards: <strong>4242 4242 4242 4242</strong> succeeds,{' '}
        <strong>4000 0000 0000 0002</strong> is declined, <strong>4000 0000 0000 9995</strong> has insufficient funds. Use any future expiry date and any
        three-digit code.
      </p>
      {declined && (
        <div class="message error" role="alert">
          <p>{declined}</p>
          <p>Nothing was charged. You can try another card.</p>
        </div>
      )}
      {savedCards.length > 0 && (
        <fieldset>
          <legend>Card</legend>
          {savedCards.map((c) => (
            <label key={c.paymentMethodId} class="choice">
              <input type="radio" name="card-choice" checked={choice === c.paymentMethodId} onChange={() => setChoice(c.paymentMethodId)} />
              <span>
                {c.brand} ending in {c.last4}, expires {String(c.expMonth).padStart(2, '0')}/{String(c.expYear).slice(-2)}
              </span>
            </label>
          ))}
          <label class="choice">
            <input type="radio" name="card-choice" checked={choice === 'new'} onChange={() => setChoice('new')} />
            <span>Another card</span>
          </label>
        </fieldset>
      )}
      {choice === 'new' && (
        <div class="card-fields">
          <div class="field">
            <label for="card-number">Card number</label>
            <input
              id="card-number"
              ref={numberInput}
              inputMode="numeric"
              autoComplete="cc-number"
              value={card.number}
              aria-invalid={problems.number ? true : undefined}
              aria-describedby={problems.number ? 'card-number-error test-cards' : 'test-cards'}
              onInput={(e) => setCard({ ...card, number: e.currentTarget.value })}
            />
            {problems.number && (
              <p id="card-number-error" class="field-error">
                {problems.number}
              </p>
            )}
          </div>
          <div class="field">
            <label for="card-expiry">Expiry (MM/YY)</label>
            <input
              id="card-expiry"
              inputMode="numeric"
              autoComplete="cc-exp"
              placeholder="MM/YY"
              value={card.expiry}
              aria-invalid={problems.expiry ? true : undefined}
              aria-describedby={problems.expiry ? 'card-expiry-error' : undefined}
              onInput={(e) => setCard({ ...card, expiry: e.currentTarget.value })}
            />
            {problems.expiry && (
              <p id="card-expiry-error" class="field-error">
                {problems.expiry}
              </p>
            )}
          </div>
          <div class="field">
            <label for="card-cvc">Security code</label>
            <input
              id="card-cvc"
              inputMode="numeric"
              autoComplete="cc-csc"
              value={card.cvc}
              aria-invalid={problems.cvc ? true : undefined}
              aria-describedby={problems.cvc ? 'card-cvc-error' : undefined}
              onInput={(e) => setCard({ ...card, cvc: e.currentTarget.value })}
            />
            {problems.cvc && (
              <p id="card-cvc-error" class="field-error">
                {problems.cvc}
              </p>
            )}
          </div>
        </div>
      )}
      <button type="submit" class="button primary wide" disabled={busy} aria-busy={busy}>
        {busy ? 'Paying…' : `Pay ${formatCents(pending.totalCents)}`}
      </button>
    </form>
  );
}

type Phase =
  | { kind: 'checking' }
  | { kind: 'paying'; failure?: string }
  | { kind: 'confirming'; since: number }
  | { kind: 'slow' }
  | { kind: 'closed'; message: string }
  | { kind: 'error'; message: string };

export function PaymentStep({ pending }: { pending: PendingCheckout }) {
  const { route } = useLocation();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const [StripeForm, setStripeForm] = useState<null | ((props: { pending: PendingCheckout; onConfirmed: () => void }) => JSX.Element)>(null);
  const [pollNonce, setPollNonce] = useState(0);

  const finish = async (order: Order) => {
    setPendingCheckout(null);
    await refreshCart().catch(() => undefined);
    route(`/orders/${order.orderId}/confirmation`, true);
  };

  const afterOrder = (order: Order) => {
    if (order.status === 'pending_payment') setPhase({ kind: 'paying' });
    else if (order.status === 'payment_failed') setPhase({ kind: 'paying', failure: order.payment.failureMessage ?? 'The payment did not go through.' });
    else if (order.status === 'cancelled' || order.status === 'expired') {
      setPendingCheckout(null);
      void refreshCart().catch(() => undefined);
      setPhase({
        kind: 'closed',
        message: order.status === 'expired' ? 'This order was not paid in time, so it expired and its items went back on the shelf.' : 'This order was cancelled.',
      });
    } else void finish(order);
  };

  // Where the order stands now (a reload may land here after paying, or after the order expired).
  useEffect(() => {
    const controller = new AbortController();
    fetchOrder(pending.orderId, pending.trackingToken, controller.signal).then(afterOrder, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404 && error.code === 'not_found' && /order/i.test(error.message)) {
        setPendingCheckout(null);
        return;
      }
      // The order cannot be read right now; paying is still possible.
      setPhase({ kind: 'paying' });
    });
    return () => controller.abort();
  }, [pending.orderId]);

  // After a confirmed payment: wait for the order to be marked paid.
  useEffect(() => {
    if (phase.kind !== 'confirming') return;
    const controller = new AbortController();
    settled(pending, phase.since, controller.signal).then(
      (order) => {
        if (!order) setPhase({ kind: 'slow' });
        else afterOrder(order);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setPhase({ kind: 'error', message: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [phase.kind, pollNonce]);

  useEffect(() => {
    if (pending.payment.provider !== 'stripe' || !pending.payment.publishableKey) return;
    import('./StripePayment').then(
      (m) => setStripeForm(() => m.StripePayment),
      () => setPhase({ kind: 'error', message: 'The card form could not be loaded. Reload the page to try again.' }),
    );
  }, [pending.payment.provider]);

  const confirmed = () => setPhase({ kind: 'confirming', since: Date.now() });

  return (
    <div class="payment-step">
      <div class="payment-head">
        <p>
          Order <strong>{pending.orderNumber}</strong> · total <strong>{formatCents(pending.totalCents)}</strong> · receipt to {pending.email}
        </p>
      </div>
      {phase.kind === 'checking' && <Loading label="Checking your order…" minHeight="20rem" />}
      {phase.kind === 'paying' && (
        <>
          {phase.failure && <Notice kind="error">{phase.failure} You can try another card.</Notice>}
          {pending.payment.provider === 'sandbox' && pending.payment.sandboxConfirmUrl ? (
            <SandboxCardForm pending={pending} onConfirmed={confirmed} />
          ) : StripeForm ? (
            <StripeForm pending={pending} onConfirmed={confirmed} />
          ) : pending.payment.provider === 'stripe' && !pending.payment.publishableKey ? (
            <Notice kind="error">Card payments are not set up on this shop yet.</Notice>
          ) : (
            <Loading label="Loading the card form…" minHeight="20rem" />
          )}
          <div class="edit-cart">
            <p class="muted small">Changed your mind? Editing the cart cancels this order and keeps your items in the cart.</p>
            <CancelOrderButton orderId={pending.orderId} onDone={() => route('/cart')} />
          </div>
        </>
      )}
      {phase.kind === 'confirming' && <Loading label="Payment accepted. Confirming your order…" minHeight="20rem" />}
      {phase.kind === 'slow' && (
        <Notice kind="info">
          Your payment is taking longer than usual to confirm. We will email you as soon as it does.{' '}
          <button type="button" class="link-button" onClick={() => (setPhase({ kind: 'confirming', since: Date.now() }), setPollNonce((n) => n + 1))}>
            Check again
          </button>
        </Notice>
      )}
      {phase.kind === 'closed' && (
        <Notice kind="warning">
          {phase.message} <a href="/cart">Back to your cart</a>
        </Notice>
      )}
      {phase.kind === 'error' && <Notice kind="error">{phase.message}</Notice>}
    </div>
  );
}
