// GET /api/me/orders — the signed-in shopper's orders, newest first, a page at a time.
import { requireShopper } from '../../shared/auth/shopperTokens';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listMyOrdersQuery } from '../../shared/http/schemas/orders';
import { listMyOrders } from '../../shared/orders/queries';

export const handler = httpRoute({ query: listMyOrdersQuery }, async ({ query, headers }) =>
  json(200, await listMyOrders(await requireShopper(headers), query)),
);
