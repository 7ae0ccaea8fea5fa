// PATCH /api/admin/minerals/{id} — edit any field; a stale expectedUpdatedAt is a 409 with the fresh mineral.
import { updateMineralForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { adminMineralParams, updateMineralBody } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, params: adminMineralParams, body: updateMineralBody }, async ({ params, body, authorized }) => {
  return json(200, await updateMineralForAdmin(params.id, body, authorized));
});
