// /checkout/pay/{orderId}[?token=…]: the "try the payment again" link of the failed-payment mail.
// The payment form needs the order's payment (its client secret). This browser may still have it from
// placing the order; with the link's tracking token any device asks the API for it
// (GET /api/orders/{id}/payment); a signed-in shopper without a token asks for the same order again
// from their cart, which answers with the same order and its payment.
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { messageOf } from '../../api/http';
import type { Cart, Order, PlacedOrder } from '../../api/types';

/** GET /api/orders/{id}/payment: no payment once there is nothing left to pay. */
type OrderPayment = { order: Order; payment: PlacedOrder['payment'] | null };
import { Loading, Notice } from '../../components/Status';
import { formatDateTime, orderStatusText } from '../../lib/format';
import { useTitle } from '../../lib/page';
import { fetchOrder, guestCartHeaders, pendingCheckout, rememberTrackingToken, setPendingCheckout, trackingTokenFor } from '../../state/checkout';
import { currentUser } from '../../state/session';
import { readStored } from '../../state/storage';
import { PaymentStep } from './PaymentStep';

type State = { kind: 'loading' } | { kind: 'pay' } | { kind: 'done'; order: Order } | { kind: 'elsewhere'; order: Order } | { kind: 'error'; message: string };

/** The body that placed `order`, rebuilt from what the order says, so the API recognises the same request. */
function samePlaceOrderBody(order: Order, cartId: string) {
  const a = order.address;
  return {
    cartId,
    email: order.email,
    address: {
      name: a.name,
      line1: a.line1,
      ...(a.line2 ? { line2: a.line2 } : {}),
      city: a.city,
      ...(a.region ? { region: a.region } : {}),
      postalCode: a.postalCode,
      country: a.country,
      ...(a.phone ? { phone: a.phone } : {}),
    },
    shippingMethod: order.shippingMethod,
    ...(order.couponCode ? { couponCode: order.couponCode } : {}),
  };
}

async function cartOfOrder(orderId: string): Promise<string | undefined> {
  if (currentUser.value) {
    const opened = await api<{ cartId: string; cart: Cart }>('/api/carts', { method: 'POST', auth: 'required' });
    return opened.cart.checkoutOrderId === orderId ? opened.cartId : undefined;
  }
  const guest = readStored<{ cartId: string }>('guest-cart');
  if (!guest) return undefined;
  const cart = await api<Cart>(`/api/carts/${guest.cartId}`, { headers: guestCartHeaders() });
  return cart.checkoutOrderId === orderId ? cart.cartId : undefined;
}

export function PayOrder() {
  const { params } = useRoute();
  const { query } = useLocation();
  const orderId = params.orderId ?? '';
  const token = query.token ?? trackingTokenFor(orderId);
  const [state, setState] = useState<State>({ kind: 'loading' });
  useTitle('Pay for your order');
  const pending = pendingCheckout.value;

  useEffect(() => {
    if (pending?.orderId === orderId) {
      setState({ kind: 'pay' });
      return;
    }
    if (!token && !currentUser.value) {
      setState({ kind: 'error', message: 'Sign in, or open the whole link from the mail, to pay for this order.' });
      return;
    }
    let cancelled = false;
    (async () => {
      if (token) {
        rememberTrackingToken(orderId, token);
        // The link's token is a bearer secret: out of the address bar (history, shared screens) once kept.
        if (query.token) history.replaceState(history.state, '', location.pathname);
        const found = await api<OrderPayment>(`/api/orders/${encodeURIComponent(orderId)}/payment?token=${encodeURIComponent(token)}`);
        if (!found.payment) return setState({ kind: 'done', order: found.order });
        setPendingCheckout({
          ownerId: currentUser.value?.userId ?? null,
          orderId,
          orderNumber: found.order.number,
          totalCents: found.order.totals.totalCents,
          email: found.order.email,
          payment: found.payment,
          trackingToken: token,
          saveCard: false,
        });
        return setState({ kind: 'pay' });
      }
      const order = await fetchOrder(orderId, undefined);
      if (order.status !== 'pending_payment' && order.status !== 'payment_failed') return setState({ kind: 'done', order });
      const cartId = await cartOfOrder(orderId);
      if (!cartId) return setState({ kind: 'elsewhere', order });
      const placed = await api<PlacedOrder>('/api/checkout', {
        method: 'POST',
        auth: currentUser.value ? 'required' : 'none',
        headers: { ...(currentUser.value ? {} : guestCartHeaders()), 'idempotency-key': crypto.randomUUID() },
        body: samePlaceOrderBody(order, cartId),
      });
      if (placed.order.orderId !== orderId) return setState({ kind: 'elsewhere', order });
      setPendingCheckout({
        ownerId: currentUser.value?.userId ?? null,
        cartId,
        orderId,
        orderNumber: order.number,
        totalCents: order.totals.totalCents,
        email: order.email,
        payment: placed.payment,
        ...(token ? { trackingToken: token } : {}),
        saveCard: false,
      });
      return setState({ kind: 'pay' });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ kind: 'error', message: messageOf(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [orderId]);

  return (
    <section class="page checkout">
      <h1>Pay for your order</h1>
      {state.kind === 'loading' && <Loading label="Finding your order…" minHeight="40vh" />}
      {state.kind === 'pay' && pending?.orderId === orderId && <PaymentStep pending={pending} />}
      {state.kind === 'done' && (
        <Notice kind="info">
          Order {state.order.number} is {orderStatusText(state.order.status).toLowerCase()}: there is nothing to pay.{' '}
          <a href={token ? `/orders/${orderId}/track?token=${encodeURIComponent(token)}` : `/account/orders/${orderId}`}>See the order</a>
        </Notice>
      )}
      {state.kind === 'elsewhere' && (
        <Notice kind="info">
          Order {state.order.number} is waiting for payment
          {state.order.paymentDeadline ? ` until ${formatDateTime(state.order.paymentDeadline)}` : ''}, but your cart has changed since it was placed. Open the
          “Try the payment again” link in our mail to pay it.
        </Notice>
      )}
      {state.kind === 'error' && <Notice kind="error">{state.message}</Notice>}
    </section>
  );
}
