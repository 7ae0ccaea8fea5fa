// POST /api/checkout — the cart becomes an order awaiting payment, priced by the server, with a
// payment opened for it. With an Idempotency-Key header a retry returns the very same answer.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { placeOrderIdempotently } from '../../shared/checkout/idempotentCheckout';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { idempotencyKeyHeader, placeOrderBody } from '../../shared/http/schemas/checkout';
import { parseOrThrow } from '../../shared/http/validation';

export const handler = httpRoute({ body: placeOrderBody }, async ({ body, headers, context }) => {
  const key = headers['idempotency-key'] === undefined ? undefined : parseOrThrow(idempotencyKeyHeader, headers['idempotency-key'], 'Idempotency-Key header');
  const placed = await placeOrderIdempotently(body, await cartCallerFrom(headers), key, context);
  const { created, ...answer } = placed;
  return json(created ? 201 : 200, answer);
});
