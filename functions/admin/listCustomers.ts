// GET /api/admin/customers — shoppers by email prefix or by name prefix.
import { listCustomers } from '../../shared/admin/customers';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listCustomersQuery } from '../../shared/http/schemas/admin';

export const handler = httpRoute({ authorize: requireAdmin, query: listCustomersQuery }, async ({ query }) => {
  return json(200, await listCustomers(query));
});
