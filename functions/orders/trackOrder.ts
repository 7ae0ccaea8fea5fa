// GET /api/orders/{orderId}/tracking?token= — an order seen through the tracking link in a guest's mail.
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams, trackOrderQuery } from '../../shared/http/schemas/orders';
import { trackOrder } from '../../shared/orders/queries';

export const handler = httpRoute({ params: orderParams, query: trackOrderQuery }, async ({ params, query }) =>
  json(200, await trackOrder(params.orderId, query.token)),
);
