// GET /api/me/orders/{orderId} — one of the signed-in shopper's orders, with its timeline and tracking.
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams } from '../../shared/http/schemas/orders';
import { getMyOrder } from '../../shared/orders/queries';

export const handler = httpRoute({ params: orderParams }, async ({ params, headers }) =>
  json(200, await getMyOrder(await requireShopper(headers), params.orderId)),
);
