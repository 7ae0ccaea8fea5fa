// POST /api/admin/orders/{orderId}/refund-stock — after refunds made in the provider's dashboard: whether units came back.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { actorOf } from '../../shared/db/audit';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { reviewRefundStockBody } from '../../shared/http/schemas/adminOrders';
import { orderParams } from '../../shared/http/schemas/orders';
import { reviewRefundStock } from '../../shared/orders/refundStock';

export const handler = httpRoute({ authorize: requireAdmin, params: orderParams, body: reviewRefundStockBody }, async ({ params, body, authorized }) =>
  json(200, await reviewRefundStock(params.orderId, body.returnStock, actorOf(authorized))),
);
