// PATCH /api/admin/coupons/{code} — edit a coupon's rules; a stale expectedEditedAt is a 409 with the fresh coupon.
import { updateCouponForAdmin } from '../../shared/admin/coupons';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { couponParams, updateCouponBody } from '../../shared/http/schemas/adminCoupons';

export const handler = httpRoute({ authorize: requireAdmin, params: couponParams, body: updateCouponBody }, async ({ params, body, authorized }) => {
  return json(200, await updateCouponForAdmin(params.code, body, authorized));
});
