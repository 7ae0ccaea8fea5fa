// GET /api/admin/customers/{id} — a customer's profile, orders and what they spent, reviews, wishlist size, sign-in state.
import { getCustomer } from '../../shared/admin/customers';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { customerParams } from '../../shared/http/schemas/admin';

export const handler = httpRoute({ authorize: requireAdmin, params: customerParams }, async ({ params }) => {
  return json(200, await getCustomer(params.id));
});
