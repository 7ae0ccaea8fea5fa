// GET /api/admin/minerals/{id} — one mineral in any status, with its stock counters.
import { getMineralForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { adminMineralParams } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, params: adminMineralParams }, async ({ params }) => {
  return json(200, await getMineralForAdmin(params.id));
});
