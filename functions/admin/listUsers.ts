// GET /api/admin/users — one page of shopper accounts, searchable by email prefix.
import { listUsersForAdmin } from '../../shared/admin/users';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { listUsersQuery } from '../../shared/http/schemas/admin';

export const handler = httpRoute({ authorize: requireAdmin, query: listUsersQuery }, async ({ query }) => {
  return json(200, await listUsersForAdmin(query));
});
