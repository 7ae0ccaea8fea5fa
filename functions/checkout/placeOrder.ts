// POST /api/checkout — the cart becomes an order awaiting payment, priced by the server, with a
// payment opened for it. With an Idempotency-Key header a retry returns the very same answer.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { placeOrderIdempotently } from '../../shared/checkout/idempotentCheckout';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { placeOrderBody, readIdempotencyKey } from '../../shared/http/schemas/checkout';

export const handler = httpRoute({ body: placeOrderBody }, async ({ body, headers, context }) => {
  const placed = await placeOrderIdempotently(body, await cartCallerFrom(headers), readIdempotencyKey(headers), context);
  const { created, ...answer } = placed;
  return json(created ? 201 : 200, answer);
});
