// GET /api/admin/coupons — every coupon by code, with its uses and its state now.
import { listCouponsForAdmin } from '../../shared/admin/coupons';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listCouponsQuery } from '../../shared/http/schemas/adminCoupons';

export const handler = httpRoute({ authorize: requireAdmin, query: listCouponsQuery }, async ({ query }) => {
  return json(200, await listCouponsForAdmin(query));
});
