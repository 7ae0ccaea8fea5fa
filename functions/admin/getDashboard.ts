// GET /api/admin/dashboard — the shop's day: sales against the period before, the orders waiting, failed
// payments, low and sold-out stock, holds in carts, the last reconciliation.
import { getDashboard } from '../../shared/admin/dashboard';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({ authorize: requireAdmin }, async () => {
  return json(200, await getDashboard());
});
