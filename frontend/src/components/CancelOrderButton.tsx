import { useState } from 'preact/hooks';
import { messageOf } from '../api/http';
import { cancelPendingOrder } from '../state/checkout';
import { Notice } from './Status';

/** "Edit cart" while an order awaits payment: cancels that order, which reopens the cart. */
export function CancelOrderButton({ orderId, label = 'Edit cart', onDone }: { orderId: string; label?: string; onDone?: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await cancelPendingOrder(orderId);
      onDone?.();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button secondary" onClick={cancel} disabled={busy} aria-busy={busy}>
        {busy ? 'Reopening your cart…' : label}
      </button>
      {error && <Notice kind="error">{error}</Notice>}
    </>
  );
}
