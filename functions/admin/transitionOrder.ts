// POST /api/admin/orders/{orderId}/transitions — packed, shipped (carrier + tracking), delivered, cancelled.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { actorOf } from '../../shared/db/audit';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { readIdempotencyKey } from '../../shared/http/schemas/checkout';
import { transitionOrderBody } from '../../shared/http/schemas/adminOrders';
import { orderParams } from '../../shared/http/schemas/orders';
import { transitionOrder } from '../../shared/orders/adminOrders';

export const handler = httpRoute({ authorize: requireAdmin, params: orderParams, body: transitionOrderBody }, async ({ params, body, headers, context, authorized }) => {
  // A retried request with the same Idempotency-Key names its refund the same way: the provider refunds once.
  const requestKey = readIdempotencyKey(headers) ?? context.awsRequestId;
  return json(200, await transitionOrder(params.orderId, body, requestKey, actorOf(authorized)));
});
