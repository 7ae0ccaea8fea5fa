// POST /api/admin/coupons — a new coupon; its code is unique in any case (409 when taken).
import { createCouponForAdmin } from '../../shared/admin/coupons';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { createCouponBody } from '../../shared/http/schemas/adminCoupons';

export const handler = httpRoute({ authorize: requireAdmin, body: createCouponBody }, async ({ body, authorized }) => {
  return json(201, await createCouponForAdmin(body, authorized));
});
