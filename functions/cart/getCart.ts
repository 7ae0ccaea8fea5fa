// GET /api/carts/{cartId} — the cart, with lapsed holds re-acquired and notices for what changed.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { viewCart } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { cartParams } from '../../shared/http/schemas/carts';

export const handler = httpRoute({ params: cartParams }, async ({ params, headers, event }) =>
  json(200, await viewCart(params.cartId, await cartCallerFrom(headers, event.requestContext.http.sourceIp))),
);
