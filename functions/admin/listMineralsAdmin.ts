// GET /api/admin/minerals — every mineral in any status, by name, with search and filters.
import { listMineralsForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { adminListMineralsQuery } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, query: adminListMineralsQuery }, async ({ query }) => {
  return json(200, await listMineralsForAdmin(query));
});
