// POST /api/admin/orders/{orderId}/tracking-link — revoke a guest order's tracking links and mail the guest a fresh one.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { actorOf } from '../../shared/db/audit';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { orderParams } from '../../shared/http/schemas/orders';
import { replaceTrackingLink } from '../../shared/orders/replaceTrackingLink';

export const handler = httpRoute({ authorize: requireAdmin, params: orderParams }, async ({ params, authorized }) =>
  json(200, await replaceTrackingLink(params.orderId, actorOf(authorized))),
);
