// POST /api/admin/orders/{orderId}/refund — refund in full or in part through the provider; stock back when asked.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { actorOf } from '../../shared/db/audit';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { readIdempotencyKey } from '../../shared/http/schemas/checkout';
import { refundOrderBody } from '../../shared/http/schemas/adminOrders';
import { orderParams } from '../../shared/http/schemas/orders';
import { refundOrder } from '../../shared/orders/adminOrders';

export const handler = httpRoute({ authorize: requireAdmin, params: orderParams, body: refundOrderBody }, async ({ params, body, headers, context, authorized }) => {
  // A retried request with the same Idempotency-Key names its refund the same way: the provider refunds once.
  const requestKey = readIdempotencyKey(headers) ?? context.awsRequestId;
  return json(200, await refundOrder(params.orderId, body, requestKey, actorOf(authorized)));
});
