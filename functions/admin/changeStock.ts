// POST /api/admin/minerals/{id}/stock — a receipt or an adjustment, written to the ledger.
import { changeStock } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { adminMineralParams, stockChangeBody } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, params: adminMineralParams, body: stockChangeBody }, async ({ params, body, authorized }) => json(200, await changeStock(params.id, body, authorized)));
