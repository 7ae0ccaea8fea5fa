// GET /api/admin/orders/{orderId} — one order with its owner, payment reference, refunds and version.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams } from '../../shared/http/schemas/orders';
import { getOrderForAdmin } from '../../shared/orders/queries';

export const handler = httpRoute({ authorize: requireAdmin, params: orderParams }, async ({ params }) => {
  return json(200, await getOrderForAdmin(params.orderId));
});
