// GET /api/admin/sales — flash sales on now, next, and lately ended.
import { salesForAdmin } from '../../shared/admin/coupons';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';

export const handler = httpRoute({ authorize: requireAdmin }, async () => {
  return json(200, await salesForAdmin());
});
