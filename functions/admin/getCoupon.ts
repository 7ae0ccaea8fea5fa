// GET /api/admin/coupons/{code} — one coupon with who used it and the orders that did.
import { getCouponForAdmin } from '../../shared/admin/coupons';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { couponParams } from '../../shared/http/schemas/adminCoupons';

export const handler = httpRoute({ authorize: requireAdmin, params: couponParams }, async ({ params }) => {
  return json(200, await getCouponForAdmin(params.code));
});
