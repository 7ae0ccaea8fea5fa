// POST /api/orders/{orderId}/cancel — the shopper (or guest, with the cart's token) cancels an order
// that is not paid yet; the payment is cancelled and the cart opens again to be changed.
import { cartCallerFrom } from '../../shared/auth/cartAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams } from '../../shared/http/schemas/orders';
import { cancelMyUnpaidOrder } from '../../shared/orders/unpaidOrders';

export const handler = httpRoute({ params: orderParams }, async ({ params, headers }) =>
  json(200, await cancelMyUnpaidOrder(params.orderId, await cartCallerFrom(headers))),
);
