// GET /api/admin/orders — orders in one status (paid, the queue to pack, by default), oldest first.
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listOrdersQuery } from '../../shared/http/schemas/orders';
import { listOrdersForAdmin } from '../../shared/orders/queries';

export const handler = httpRoute({ authorize: requireAdmin, query: listOrdersQuery }, async ({ query }) => {
  return json(200, await listOrdersForAdmin(query));
});
