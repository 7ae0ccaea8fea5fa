// GET /api/admin/minerals/{id}/ledger — the mineral's stock ledger, newest first.
import { ledgerForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { adminMineralParams, pageQuery } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, params: adminMineralParams, query: pageQuery }, async ({ params, query }) => {
  return json(200, await ledgerForAdmin(params.id, query));
});
