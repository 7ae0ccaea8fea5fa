// PUT /api/carts/{cartId}/items/{mineralId} — hold exactly this many units (0 removes the line).
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { setLineQuantity } from '../../shared/carts/carts';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { cartItemParams, setQuantityBody } from '../../shared/http/schemas/carts';

export const handler = httpRoute({ params: cartItemParams, body: setQuantityBody, maxBodyBytes: 1024 }, async ({ params, body, headers, event }) =>
  json(200, await setLineQuantity(params.cartId, params.mineralId, body.quantity, await cartCallerFrom(headers, event.requestContext.http.sourceIp))),
);
