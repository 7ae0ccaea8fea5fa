// POST /api/admin/minerals — a new mineral (a draft unless told otherwise), with its initial stock.
import { createMineralForAdmin } from '../../shared/admin/catalog';
import { requireAdmin } from '../../shared/auth/adminAccess';
import { httpRoute } from '../../shared/http/handler';
import { json } from '../../shared/http/respond';
import { createMineralBody } from '../../shared/http/schemas/adminCatalog';

export const handler = httpRoute({ authorize: requireAdmin, body: createMineralBody }, async ({ body, authorized }) => json(201, await createMineralForAdmin(body, authorized)));
