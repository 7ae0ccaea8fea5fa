import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { isUnavailable, messageOf } from '../../api/http';
import type { SavedCard } from '../../api/types';
import { AccountShell } from '../../components/AccountShell';
import { ErrorMessage, Loading, Notice } from '../../components/Status';
import { useTitle } from '../../lib/page';
import { useAsync } from '../../lib/useAsync';
import { currentUser } from '../../state/session';

type CardsAnswer = SavedCard[] | { items?: SavedCard[]; paymentMethods?: SavedCard[] };
const cardsOf = (r: CardsAnswer): SavedCard[] => (Array.isArray(r) ? r : (r.items ?? r.paymentMethods ?? []));

export function PaymentMethods() {
  useTitle('Saved cards');
  const user = currentUser.value;
  const cards = useAsync(
    (signal) => (user ? api<CardsAnswer>('/api/me/payment-methods', { auth: 'required', signal }).then(cardsOf) : new Promise<never>(() => undefined)),
    [user?.userId],
  );
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const remove = async (card: SavedCard) => {
    setMessage(null);
    try {
      await api(`/api/me/payment-methods/${encodeURIComponent(card.paymentMethodId)}`, { method: 'DELETE', auth: 'required' });
      cards.setData((cards.data ?? []).filter((c) => c.paymentMethodId !== card.paymentMethodId));
      setMessage({ kind: 'success', text: `The ${card.brand} card ending in ${card.last4} was removed.` });
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  };

  return (
    <AccountShell title="Saved cards">
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {cards.error !== undefined &&
        (isUnavailable(cards.error) ? <p>Saved cards are not available yet.</p> : <ErrorMessage error={cards.error} onRetry={cards.reload} />)}
      {!cards.data && cards.error === undefined && <Loading label="Loading your cards…" />}
      {cards.data && cards.data.length === 0 && <p>No saved cards. Tick “Save my card for next time” at the checkout to keep one here.</p>}
      {cards.data && cards.data.length > 0 && (
        <ul class="card-list" aria-label="Your saved cards">
          {cards.data.map((c) => (
            <li key={c.paymentMethodId} class="wish-row">
              <span>
                {c.brand} ending in {c.last4}
              </span>
              <span class="muted">
                expires {String(c.expMonth).padStart(2, '0')}/{c.expYear}
              </span>
              <button type="button" class="link-button" onClick={() => remove(c)} aria-label={`Remove the ${c.brand} card ending in ${c.last4}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </AccountShell>
  );
}
