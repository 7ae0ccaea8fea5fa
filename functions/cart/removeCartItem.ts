// DELETE /api/carts/{cartId}/items/{mineralId} — drop the line and give its units back.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { setLineQuantity } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { cartItemParams } from '../../shared/http/schemas/carts';

export const handler = httpRoute({ params: cartItemParams }, async ({ params, headers, event }) =>
  json(200, await setLineQuantity(params.cartId, params.mineralId, 0, await cartCallerFrom(headers, event.requestContext.http.sourceIp))),
);
