// POST /api/carts — a guest gets a new anonymous cart and its secret token; a signed-in shopper gets
// their one active cart, the same from any device.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { openCart } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({}, async ({ headers, event }) => {
  const opened = await openCart(await cartCallerFrom(headers, event.requestContext.http.sourceIp));
  return json('cartToken' in opened ? 201 : 200, opened);
});
