// POST /api/carts/{cartId}/merge — move this guest cart (its token proves it) into the signed-in
// shopper's cart, atomically.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { mergeGuestCart } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { cartParams } from '../../shared/http/schemas/carts';

export const handler = httpRoute({ params: cartParams }, async ({ params, headers, event }) =>
  json(200, await mergeGuestCart(params.cartId, await cartCallerFrom(headers, event.requestContext.http.sourceIp))),
);
