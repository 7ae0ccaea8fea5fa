// GET /api/orders/{orderId}/payment?token= — the payment of an order awaiting it, for the holder of its tracking link.
import { paymentOfTrackedOrder } from '../../shared/checkout/placeOrder';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams, trackOrderQuery } from '../../shared/http/schemas/orders';

export const handler = httpRoute({ params: orderParams, query: trackOrderQuery }, async ({ params, query }) =>
  json(200, await paymentOfTrackedOrder(params.orderId, query.token)),
);
